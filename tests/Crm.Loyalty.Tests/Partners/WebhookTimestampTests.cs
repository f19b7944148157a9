using Crm.Loyalty.Model.Partners;

namespace Crm.Loyalty.Tests.Partners;

public sealed class WebhookTimestampTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static TimestampVerdict Check(TimeSpan offset) =>
        WebhookTimestamp.Check((Now + offset).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Now, out _);

    [Fact]
    public void A_delivery_within_five_minutes_either_way_is_fresh()
    {
        Assert.Equal(TimestampVerdict.Fresh, Check(TimeSpan.Zero));
        Assert.Equal(TimestampVerdict.Fresh, Check(TimeSpan.FromMinutes(-5)));
        Assert.Equal(TimestampVerdict.Fresh, Check(TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_delivery_more_than_five_minutes_away_is_too_old_or_too_far_ahead()
    {
        Assert.Equal(TimestampVerdict.TooOld, Check(TimeSpan.FromMinutes(-5) - TimeSpan.FromSeconds(1)));
        Assert.Equal(TimestampVerdict.TooOld, Check(TimeSpan.FromMinutes(-6)));
        Assert.Equal(TimestampVerdict.TooFarAhead, Check(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1614265330.5")]
    [InlineData("-1614265330")]
    [InlineData(" 1614265330")]
    [InlineData("2026-03-10T12:00:00Z")]
    [InlineData("99999999999999999999999")]
    public void A_timestamp_that_is_not_whole_unix_seconds_is_malformed(string header)
    {
        Assert.Equal(TimestampVerdict.Malformed, WebhookTimestamp.Check(header, Now, out _));
    }
}
