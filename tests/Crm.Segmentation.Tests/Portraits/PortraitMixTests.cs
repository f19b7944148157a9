using Crm.Segmentation.Model.Portraits;

namespace Crm.Segmentation.Tests.Portraits;

/// <summary>A mix reads largest first, keeps the ten largest values, sums the rest as "other" and the missing as "unknown".</summary>
public sealed class PortraitMixTests
{
    [Fact]
    public void Beyond_the_ten_largest_values_the_rest_is_other_and_members_without_the_fact_are_unknown()
    {
        // Twelve countries with 12, 11, … 1 members, and 22 members whose country is not known: 100 in all.
        var counts = Enumerable.Range(1, 12).Select(i => ((string?)$"C{i:00}", (long)i)).Append((null, 22L));

        var mix = PortraitMix.Of(counts, members: 100);

        Assert.Equal(
            ["C12", "C11", "C10", "C09", "C08", "C07", "C06", "C05", "C04", "C03", PortraitMix.Other, PortraitMix.Unknown],
            mix.Select(share => share.Value));
        Assert.Equal(new MixShare("C12", 12, 0.12), mix[0]);
        Assert.Equal(new MixShare(PortraitMix.Other, 3, 0.03), mix[10]);
        Assert.Equal(new MixShare(PortraitMix.Unknown, 22, 0.22), mix[11]);
        Assert.Equal(1.0, mix.Sum(share => share.Share), 12);
    }

    [Fact]
    public void Values_that_repeat_are_added_and_ties_read_in_name_order()
    {
        var mix = PortraitMix.Of([("gold", 2), ("bronze", 3), ("gold", 1), ("silver", 3)], members: 9);

        Assert.Equal([("bronze", 3L), ("gold", 3L), ("silver", 3L)], mix.Select(share => (share.Value, share.Count)));
    }

    [Fact]
    public void An_empty_portrait_has_an_empty_mix_and_coverage_shares_need_not_add_up_to_one()
    {
        Assert.Empty(PortraitMix.Of([], members: 0));

        var coverage = PortraitMix.Coverage([("sms:marketing", 1), ("email:marketing", 3)], members: 4);

        Assert.Equal([new MixShare("email:marketing", 3, 0.75), new MixShare("sms:marketing", 1, 0.25)], coverage);
    }
}
