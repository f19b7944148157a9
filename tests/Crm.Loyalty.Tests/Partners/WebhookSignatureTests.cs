using System.Text;
using Crm.Loyalty.Model.Partners;

namespace Crm.Loyalty.Tests.Partners;

/// <summary>The signing recipe partners follow, checked against the Standard Webhooks specification's published example.</summary>
public sealed class WebhookSignatureTests
{
    // The example of the Standard Webhooks specification and its reference libraries: a partner's library must agree.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
    private static readonly byte[] SpecKey = SigningSecret.KeyOf(SpecSecret)!;

    [Fact]
    public void Signing_the_specification_example_gives_its_published_signature()
    {
        Assert.Equal(SpecSignature, WebhookSignature.Sign(SpecKey, SpecId, SpecTimestamp, SpecBody));
    }

    [Fact]
    public void The_published_signature_matches_and_any_change_to_id_timestamp_or_body_does_not()
    {
        Assert.True(WebhookSignature.Matches(SpecKey, SpecId, SpecTimestamp, SpecBody, SpecSignature));
        Assert.False(WebhookSignature.Matches(SpecKey, SpecId + "x", SpecTimestamp, SpecBody, SpecSignature));
        Assert.False(WebhookSignature.Matches(SpecKey, SpecId, SpecTimestamp + 1, SpecBody, SpecSignature));
        Assert.False(WebhookSignature.Matches(SpecKey, SpecId, SpecTimestamp, Encoding.UTF8.GetBytes("""{"test": 2432232315}"""), SpecSignature));
        Assert.False(WebhookSignature.Matches(SigningSecret.NewKey(), SpecId, SpecTimestamp, SpecBody, SpecSignature));
    }

    [Fact]
    public void One_matching_signature_among_several_is_enough_and_unknown_versions_or_garbage_are_passed_over()
    {
        var other = WebhookSignature.Sign(SigningSecret.NewKey(), SpecId, SpecTimestamp, SpecBody);

        Assert.True(WebhookSignature.Matches(SpecKey, SpecId, SpecTimestamp, SpecBody, $"v1a,abc {other}  v1,!!notbase64 v1,AAAA {SpecSignature}"));
        Assert.False(WebhookSignature.Matches(SpecKey, SpecId, SpecTimestamp, SpecBody, $"{other} v2,{SpecSignature[3..]} {SpecSignature[3..]}"));
        Assert.False(WebhookSignature.Matches(SpecKey, SpecId, SpecTimestamp, SpecBody, ""));
    }

    [Fact]
    public void A_new_secret_is_32_random_bytes_in_the_whsec_form()
    {
        var key = SigningSecret.NewKey();
        var secret = SigningSecret.Format(key);

        Assert.StartsWith(SigningSecret.Prefix, secret);
        Assert.Equal(key, SigningSecret.KeyOf(secret));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(key, SigningSecret.NewKey());
        Assert.Null(SigningSecret.KeyOf("whsec_not base64!"));
    }
}
