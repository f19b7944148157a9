using System.Net;
using System.Net.Http.Json;
using Crm.Loyalty.Apis;
using Crm.Loyalty.Data;

namespace Crm.Loyalty.Tests.Rewards;

/// <summary>Reserve, then confirm or cancel: points and stock held, spent or given back exactly, once per key.</summary>
public sealed class RedemptionTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    private const string PointsRedeemedType = "Crm.Contracts.Loyalty.PointsRedeemed, Crm.Contracts";

    [Fact]
    public async Task A_confirmed_redemption_spends_the_points_and_announces_PointsRedeemed()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 500);
        var reward = await fixture.CreateRewardAsync(cost: 200, stock: 5);

        var reserved = await fixture.ReservedAsync(member, reward.Id);
        var afterReserve = await fixture.AvailableAsync(member);
        var confirmed = await (await fixture.ConfirmAsync(member, reserved.Id)).ReadRedemptionAsync();

        Assert.Equal(RedemptionStatus.Reserved, reserved.Status);
        Assert.Equal(200, reserved.Points);
        Assert.Equal(reward.Name, reserved.RewardName);
        Assert.Equal(300, afterReserve);
        Assert.Equal(RedemptionStatus.Confirmed, confirmed.Status);
        Assert.NotNull(confirmed.SettledAt);
        Assert.Equal(300, await fixture.AvailableAsync(member));
        Assert.Equal(4, (await fixture.GetRewardAsync(reward.Id)).Stock);
        var announced = await fixture.QueryAsync<(Guid CustomerId, Guid RewardId, string RewardName, long Points)>(
            """
            select (payload::json->>'customerId')::uuid, (payload::json->>'rewardId')::uuid, payload::json->>'rewardName', (payload::json->>'points')::bigint
            from outbox where message_type = @PointsRedeemedType and payload::json->>'redemptionId' = @id
            """,
            new { PointsRedeemedType, id = reserved.Id.ToString() });
        Assert.Equal((member, reward.Id, reward.Name, 200L), Assert.Single(announced));
        var entry = Assert.Single(await fixture.QueryAsync<(string Kind, long Points)>(
            "select kind, points from ledger_entries where customer_id = @member and source = @source", new { member, source = $"redemption:{reserved.Id}" }));
        Assert.Equal(("redeem", -200L), entry);
    }

    [Fact]
    public async Task A_cancelled_reservation_gives_the_points_back_to_the_same_batches_and_the_reward_back_to_stock()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 100);
        await fixture.GiveAsync(member, 100);
        var reward = await fixture.CreateRewardAsync(cost: 150, stock: 2);
        var before = await fixture.AccountAsync(member, _ => true);
        var batchesBefore = await fixture.BatchesAsync(member);

        var reserved = await fixture.ReservedAsync(member, reward.Id);
        var batchesHeld = await fixture.BatchesAsync(member);
        var cancelled = await (await fixture.CancelAsync(member, reserved.Id)).ReadRedemptionAsync();

        Assert.Equal([0L, 50L], batchesHeld.Select(batch => batch.Remaining));
        Assert.Equal(RedemptionStatus.Cancelled, cancelled.Status);
        Assert.Equal(batchesBefore, await fixture.BatchesAsync(member));
        var after = await fixture.AccountAsync(member, _ => true);
        Assert.Equal(200, after.Available);
        Assert.Equal(before.NextExpiry, after.NextExpiry);
        Assert.Equal(before.ExpiringPoints, after.ExpiringPoints);
        Assert.Equal(2, (await fixture.GetRewardAsync(reward.Id)).Stock);
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select count(*) from outbox where message_type = @PointsRedeemedType and payload::json->>'redemptionId' = @id",
            new { PointsRedeemedType, id = reserved.Id.ToString() }));
    }

    [Fact]
    public async Task The_same_key_twice_reserves_once_and_answers_the_first_redemption()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 1000);
        var reward = await fixture.CreateRewardAsync(cost: 300, stock: 10);

        var first = await fixture.ReserveAsync(member, reward.Id, "checkout-42");
        var again = await fixture.ReserveAsync(member, reward.Id, "checkout-42");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var firstRedemption = (await first.Content.ReadFromJsonAsync<Redemption>(Json.Options))!;
        Assert.Equal(firstRedemption, await again.Content.ReadFromJsonAsync<Redemption>(Json.Options));
        Assert.Equal(700, await fixture.AvailableAsync(member));
        Assert.Equal(9, (await fixture.GetRewardAsync(reward.Id)).Stock);
        Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from redemptions where customer_id = @member", new { member }));
        Assert.Equal(1, await fixture.ScalarAsync<long>(
            "select count(*) from ledger_entries where customer_id = @member and kind = 'redeem'", new { member }));
    }

    [Fact]
    public async Task A_key_already_used_for_another_reward_is_a_conflict_and_reserves_nothing()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 1000);
        var coffee = await fixture.CreateRewardAsync(cost: 100);
        var cinema = await fixture.CreateRewardAsync(cost: 200);
        await fixture.ReservedAsync(member, coffee.Id, "basket-7");

        var response = await fixture.ReserveAsync(member, cinema.Id, "basket-7");

        await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(900, await fixture.AvailableAsync(member));
    }

    [Fact]
    public async Task Not_enough_available_points_is_refused_with_the_balance_and_changes_nothing()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 120);
        var reward = await fixture.CreateRewardAsync(cost: 200, stock: 3);
        var batchesBefore = await fixture.BatchesAsync(member);

        var response = await fixture.ReserveAsync(member, reward.Id);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("120", problem, StringComparison.Ordinal);
        Assert.Equal(120, await fixture.AvailableAsync(member));
        Assert.Equal(batchesBefore, await fixture.BatchesAsync(member));
        Assert.Equal(3, (await fixture.GetRewardAsync(reward.Id)).Stock);
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from redemptions where customer_id = @member", new { member }));
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select count(*) from ledger_entries where customer_id = @member and kind = 'redeem'", new { member }));
    }

    [Fact]
    public async Task Pending_points_do_not_pay_for_a_reward()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 300);
        // As if the points came from a sale still inside its return window.
        await fixture.ScalarAsync<object>(
            "update earning_batches set available_at = now() + interval '10 days' where customer_id = @member", new { member });
        var reward = await fixture.CreateRewardAsync(cost: 100);

        var response = await fixture.ReserveAsync(member, reward.Id);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("0 available", problem, StringComparison.Ordinal);
        Assert.Equal(300, (await fixture.AccountAsync(member, _ => true)).Pending);
    }

    [Fact]
    public async Task The_last_one_in_stock_goes_to_one_member_and_the_next_is_refused()
    {
        var first = await fixture.RegisterAsync();
        var second = await fixture.RegisterAsync();
        await fixture.GiveAsync(first, 100);
        await fixture.GiveAsync(second, 100);
        var reward = await fixture.CreateRewardAsync(cost: 50, stock: 1);

        await fixture.ReservedAsync(first, reward.Id);
        var response = await fixture.ReserveAsync(second, reward.Id);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("out of stock", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(100, await fixture.AvailableAsync(second));
        Assert.Equal(0, (await fixture.GetRewardAsync(reward.Id)).Stock);
    }

    [Fact]
    public async Task Concurrent_reservations_never_take_more_than_the_stock()
    {
        var reward = await fixture.CreateRewardAsync(cost: 10, stock: 3);
        var members = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var member = await fixture.RegisterAsync();
            await fixture.GiveAsync(member, 10);
            members.Add(member);
        }

        var responses = await Task.WhenAll(members.Select(member => fixture.ReserveAsync(member, reward.Id)));

        Assert.Equal(3, responses.Count(response => response.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(response => response.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(0, (await fixture.GetRewardAsync(reward.Id)).Stock);
    }

    [Fact]
    public async Task A_member_cannot_hold_more_than_the_per_customer_limit_and_a_cancellation_frees_a_place()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 1000);
        var reward = await fixture.CreateRewardAsync(cost: 100, perCustomerLimit: 2);

        var first = await fixture.ReservedAsync(member, reward.Id);
        await (await fixture.ConfirmAsync(member, first.Id)).ReadRedemptionAsync();
        var second = await fixture.ReservedAsync(member, reward.Id);
        var third = await fixture.ReserveAsync(member, reward.Id);
        var thirdProblem = await third.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await fixture.CancelAsync(member, second.Id)).ReadRedemptionAsync();
        var afterCancel = await fixture.ReserveAsync(member, reward.Id);

        Assert.Contains("at most 2", thirdProblem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, afterCancel.StatusCode);
        Assert.Equal(800, await fixture.AvailableAsync(member));
    }

    [Fact]
    public async Task A_redemption_takes_the_batch_expiring_first_and_leaves_the_rest_of_it()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 100);
        await fixture.GiveAsync(member, 100);
        var batches = await fixture.BatchesAsync(member);
        // The newer batch expires first: spending follows expiry, not the order points were earned.
        await fixture.ScalarAsync<object>(
            "update earning_batches set expires_at = now() + interval '20 days' where id = @id", new { id = batches[1].Id });
        var reward = await fixture.CreateRewardAsync(cost: 60);

        await fixture.ReservedAsync(member, reward.Id);

        var after = await fixture.BatchesAsync(member);
        Assert.Equal(100, after.Single(batch => batch.Id == batches[0].Id).Remaining);
        Assert.Equal(40, after.Single(batch => batch.Id == batches[1].Id).Remaining);
        var account = await fixture.AccountAsync(member, _ => true);
        Assert.Equal(140, account.Available);
        Assert.Equal(40, account.ExpiringPoints);
    }

    [Fact]
    public async Task Confirming_or_cancelling_twice_answers_the_same_and_crossing_them_is_a_conflict()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 1000);
        var reward = await fixture.CreateRewardAsync(cost: 100, stock: 10);
        var toConfirm = await fixture.ReservedAsync(member, reward.Id);
        var toCancel = await fixture.ReservedAsync(member, reward.Id);

        var confirmed = await (await fixture.ConfirmAsync(member, toConfirm.Id)).ReadRedemptionAsync();
        var confirmedAgain = await (await fixture.ConfirmAsync(member, toConfirm.Id)).ReadRedemptionAsync();
        var cancelConfirmed = await fixture.CancelAsync(member, toConfirm.Id);
        var cancelled = await (await fixture.CancelAsync(member, toCancel.Id)).ReadRedemptionAsync();
        var cancelledAgain = await (await fixture.CancelAsync(member, toCancel.Id)).ReadRedemptionAsync();
        var confirmCancelled = await fixture.ConfirmAsync(member, toCancel.Id);

        Assert.Equal(confirmed, confirmedAgain);
        Assert.Equal(cancelled, cancelledAgain);
        await cancelConfirmed.ProblemAsync(HttpStatusCode.Conflict);
        await confirmCancelled.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(900, await fixture.AvailableAsync(member));
        Assert.Equal(9, (await fixture.GetRewardAsync(reward.Id)).Stock);
        Assert.Equal(1, await fixture.ScalarAsync<long>(
            "select count(*) from outbox where message_type = @PointsRedeemedType and payload::json->>'customerId' = @member",
            new { PointsRedeemedType, member = member.ToString() }));
    }

    [Fact]
    public async Task A_members_redemptions_are_listed_newest_first_a_page_at_a_time()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 1000);
        var reward = await fixture.CreateRewardAsync(cost: 10);
        var made = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            made.Add((await fixture.ReservedAsync(member, reward.Id)).Id);
        }

        var first = (await fixture.Client.GetFromJsonAsync<RedemptionPage>($"/api/loyalty/accounts/{member}/redemptions?limit=2", Json.Options))!;
        var second = (await fixture.Client.GetFromJsonAsync<RedemptionPage>(
            $"/api/loyalty/accounts/{member}/redemptions?limit=2&after={first.Next}", Json.Options))!;
        var one = await fixture.Client.GetFromJsonAsync<Redemption>($"/api/loyalty/accounts/{member}/redemptions/{made[0]}", Json.Options);

        Assert.Equal([made[2], made[1]], first.Items.Select(redemption => redemption.Id));
        Assert.Equal([made[0]], second.Items.Select(redemption => redemption.Id));
        Assert.Null(second.Next);
        Assert.Equal(RedemptionStatus.Reserved, one!.Status);
        await (await fixture.Client.GetAsync($"/api/loyalty/accounts/{member}/redemptions/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_members_redemption_cannot_be_read_confirmed_or_cancelled()
    {
        var owner = await fixture.RegisterAsync();
        var other = await fixture.RegisterAsync();
        await fixture.GiveAsync(owner, 100);
        var reward = await fixture.CreateRewardAsync(cost: 100);
        var reserved = await fixture.ReservedAsync(owner, reward.Id);

        await (await fixture.Client.GetAsync($"/api/loyalty/accounts/{other}/redemptions/{reserved.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.ConfirmAsync(other, reserved.Id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.CancelAsync(other, reserved.Id)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(RedemptionStatus.Reserved, (await fixture.Client.GetFromJsonAsync<Redemption>(
            $"/api/loyalty/accounts/{owner}/redemptions/{reserved.Id}", Json.Options))!.Status);
    }

    [Fact]
    public async Task A_withdrawn_reward_or_an_unknown_member_cannot_be_reserved()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 100);
        var withdrawn = await fixture.CreateRewardAsync(cost: 10, active: false);

        var refused = await fixture.ReserveAsync(member, withdrawn.Id);
        var unknownReward = await fixture.ReserveAsync(member, Guid.NewGuid());
        var unknownMember = await fixture.ReserveAsync(Guid.NewGuid(), withdrawn.Id);

        Assert.Contains("no longer offered", await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        Assert.Contains("not available", await unknownReward.ProblemAsync(HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        await unknownMember.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(100, await fixture.AvailableAsync(member));
    }
}
