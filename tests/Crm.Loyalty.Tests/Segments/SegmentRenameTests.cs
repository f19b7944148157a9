using System.Net.Http.Json;
using Crm.Contracts.Segmentation;
using Crm.Loyalty.Data;
using Crm.Loyalty.Tests.Rewards;
using Crm.Testing;

namespace Crm.Loyalty.Tests.Segments;

/// <summary>
/// A segment renamed in the segmentation service keeps its members, its rewards and its earn rules here: they all
/// follow it by id to its new name, whichever order the revisions and membership changes arrive in.
/// </summary>
public sealed class SegmentRenameTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task A_renamed_segment_keeps_its_members_rewards_and_earn_rules_and_a_member_who_leaves_it_loses_them()
    {
        var (segment, gold, premium) = (Guid.NewGuid(), $"Gold {Guid.NewGuid():N}", $"Premium {Guid.NewGuid():N}");
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 100);
        var channel = Purchases.Channel();
        var reward = await fixture.CreateRewardAsync(cost: 10, segments: [gold, "someone else's"]);
        var rule = await fixture.CreateRuleAsync(SegmentRule(channel, gold));
        await fixture.ChangeMembershipAsync(member, segment, gold, 1, MembershipChanges.Entered);

        await fixture.ReviseAsync(segment, premium, 2, previousName: gold);

        Assert.Equal([premium, "someone else's"], (await fixture.GetRewardAsync(reward.Id)).VisibleToSegments!);
        Assert.Contains(reward.Id, await VisibleAsync(member));
        var versions = await RuleVersionsAsync(rule.Id);
        Assert.Equal(2, versions[0].Version);
        Assert.Equal([premium], versions[0].Definition.Target!.Segments);
        Assert.Equal([gold], versions[1].Definition.Target!.Segments);

        // The renamed rule still applies to the member: 2 points a unit on a sale of 30.
        var sale = Purchases.Recorded(Purchases.Sale(member, 30m, channel));
        await fixture.PublishAsync(sale);
        await fixture.AccountAsync(member, account => account.Balance == 160, because: "for the renamed rule to award 60 points");

        await fixture.ChangeMembershipAsync(member, segment, premium, 2, MembershipChanges.Left);
        Assert.DoesNotContain(reward.Id, await VisibleAsync(member));
    }

    [Fact]
    public async Task Revisions_arriving_out_of_order_settle_on_the_newest_name()
    {
        var (segment, first, second, third) = (Guid.NewGuid(), $"First {Guid.NewGuid():N}", $"Second {Guid.NewGuid():N}", $"Third {Guid.NewGuid():N}");
        var member = await fixture.RegisterAsync();
        var reward = await fixture.CreateRewardAsync(cost: 10, segments: [first]);
        await fixture.ChangeMembershipAsync(member, segment, first, 1, MembershipChanges.Entered);

        // Version 3 arrives before version 2, and a membership change of version 2 arrives last of all.
        await fixture.ReviseAsync(segment, third, 3, previousName: second);
        await fixture.ReviseAsync(segment, second, 2, previousName: first);
        var other = await fixture.RegisterAsync();
        await fixture.ChangeMembershipAsync(other, segment, second, 2, MembershipChanges.Entered);

        Assert.Equal([third], (await fixture.GetRewardAsync(reward.Id)).VisibleToSegments!);
        Assert.Contains(reward.Id, await VisibleAsync(member));
        Assert.Contains(reward.Id, await VisibleAsync(other));
        Assert.Equal([third, third], await fixture.QueryAsync<string>(
            "select segment_name from customer_segments where segment_id = @segment", new { segment }));
    }

    [Fact]
    public async Task Members_followed_by_name_before_segments_had_ids_are_matched_to_their_segment_by_its_first_event()
    {
        // As the migration leaves a member followed by name only: the name stands in for the segment (version 0).
        var (segment, lapsed, winBack) = (Guid.NewGuid(), $"Lapsed {Guid.NewGuid():N}", $"Win back {Guid.NewGuid():N}");
        var member = await fixture.RegisterAsync();
        await fixture.ScalarAsync<object>(
            """
            insert into segments (segment_id, name, version) values (md5(@lapsed)::uuid, @lapsed, 0);
            insert into customer_segments (customer_id, segment_id, segment_name) values (@member, md5(@lapsed)::uuid, @lapsed);
            """, new { member, lapsed });
        var reward = await fixture.CreateRewardAsync(cost: 10, segments: [lapsed]);

        await fixture.ReviseAsync(segment, winBack, 4, previousName: lapsed);

        Assert.Contains(reward.Id, await VisibleAsync(member));
        Assert.Equal([(segment, winBack)], await fixture.QueryAsync<(Guid, string)>(
            "select segment_id, segment_name from customer_segments where customer_id = @member", new { member }));
        await fixture.ChangeMembershipAsync(member, segment, winBack, 4, MembershipChanges.Left);
        Assert.DoesNotContain(reward.Id, await VisibleAsync(member));
    }

    [Fact]
    public async Task Members_followed_by_name_take_the_segments_newest_name_when_the_rename_comes_after_its_changes()
    {
        var (segment, before, after) = (Guid.NewGuid(), $"Before {Guid.NewGuid():N}", $"After {Guid.NewGuid():N}");
        var legacy = await fixture.RegisterAsync();
        await fixture.ScalarAsync<object>(
            """
            insert into segments (segment_id, name, version) values (md5(@before)::uuid, @before, 0);
            insert into customer_segments (customer_id, segment_id, segment_name) values (@legacy, md5(@before)::uuid, @before);
            """, new { legacy, before });
        var newcomer = await fixture.RegisterAsync();
        var reward = await fixture.CreateRewardAsync(cost: 10, segments: [before]);

        // The renamed version's membership change arrives before the revision that names the old name.
        await fixture.ChangeMembershipAsync(newcomer, segment, after, 2, MembershipChanges.Entered);
        await fixture.ReviseAsync(segment, after, 2, previousName: before);

        Assert.Equal([(segment, after)], await fixture.QueryAsync<(Guid, string)>(
            "select segment_id, segment_name from customer_segments where customer_id = @legacy", new { legacy }));
        Assert.Contains(reward.Id, await VisibleAsync(legacy));
        Assert.Contains(reward.Id, await VisibleAsync(newcomer));
    }

    private static object SegmentRule(string channel, string segment) => new
    {
        name = $"segment {channel}",
        kind = "base",
        effectiveFrom = DateTimeOffset.UtcNow.AddYears(-2),
        target = new { segments = new[] { segment }, channels = new[] { channel } },
        pointsPerUnit = 2m,
    };

    private async Task<IReadOnlyList<SavedEarnRule>> RuleVersionsAsync(Guid ruleId) =>
        (await fixture.Client.GetFromJsonAsync<List<SavedEarnRule>>($"/api/loyalty/earn-rules/{ruleId}/versions", Json.Options))!;

    private async Task<HashSet<Guid>> VisibleAsync(Guid member) =>
        [.. (await fixture.Client.GetFromJsonAsync<Apis.MemberRewardPage>($"/api/loyalty/accounts/{member}/rewards", Json.Options))!.Items.Select(item => item.RewardId)];
}
