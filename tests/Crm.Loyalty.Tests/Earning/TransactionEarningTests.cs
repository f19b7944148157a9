using System.Net.Http.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Loyalty.Apis;
using Crm.Loyalty.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Loyalty.Tests.Earning;

/// <summary>Sales earn by the rules in force, once; returns and reversals take back what their sale earned.</summary>
public sealed class TransactionEarningTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task A_sale_earns_at_the_base_rate_and_its_points_stay_pending_through_the_return_window()
    {
        var channel = Purchases.Channel();
        var rule = await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 2m));
        var member = await fixture.RegisterAsync();
        var recent = Purchases.Sale(member, 40.50m, channel);
        var old = Purchases.Sale(member, 10m, channel, at: DateTimeOffset.UtcNow.AddDays(-45));

        await fixture.PublishAsync(Purchases.Recorded(recent, old));

        // floor(2 × 40.50) = 81 pending (30-day return window); 20 from the 45-day-old sale are available.
        var account = await fixture.AccountAsync(member, a => a.Balance > 0);
        Assert.Equal(81, account.Pending);
        Assert.Equal(20, account.Available);
        var ledger = (await fixture.Client.GetFromJsonAsync<LedgerPage>($"/api/loyalty/accounts/{member}/ledger", Json.Options))!.Items;
        Assert.Equal(2, ledger.Count);
        Assert.All(ledger, entry => Assert.Equal((rule.Id, rule.Version), (entry.RuleId, entry.RuleVersion)));
    }

    [Fact]
    public async Task The_same_sale_delivered_twice_or_replayed_in_another_batch_earns_once()
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        var sale = Purchases.Sale(member, 100m, channel);
        var batch = Purchases.Recorded(sale);

        var replay = Purchases.Recorded(sale, Purchases.Sale(member, 5m, channel));
        // The direct copy arrives first; the outbox's copy of the same message follows it, then the replay.
        await fixture.Publisher.PublishDirectlyAsync(batch);
        await fixture.PublishAsync(batch);
        await fixture.PublishAsync(replay);

        await fixture.ConsumedAsync(batch.EventId, replay.EventId);
        Assert.Equal(105, (await fixture.AccountAsync(member, _ => true)).Balance);
        Assert.Equal(2, await fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = @member", new { member }));
    }

    [Fact]
    public async Task A_bulk_event_of_many_members_earns_each_member_their_own_points_once_with_returns_in_the_same_event()
    {
        // Enough members that the event is split across every partition of the consumer, each applied on its own.
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m));
        var members = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            members.Add(await fixture.RegisterAsync());
        }

        var sales = members.Select((member, i) => Purchases.Sale(member, 10m * (i + 1), channel)).ToList();
        var returns = sales.Where((_, i) => i % 3 == 0).Select(sale => Purchases.Return(sale, sale.NetAmount / 2)).ToList();
        var bulk = new TransactionsRecorded(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(), [.. sales, .. returns]);
        var replay = new TransactionsRecorded(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(), [.. sales, .. returns]);

        await fixture.PublishAsync(bulk);
        await fixture.PublishAsync(replay);

        // Each member's points: their sale, less half of it where half came back; the replay adds nothing.
        for (var i = 0; i < members.Count; i++)
        {
            var expected = i % 3 == 0 ? 5 * (i + 1) : 10 * (i + 1);
            await fixture.AccountAsync(members[i], account => account.Balance == expected, because: $"member {i} to hold {expected} points");
        }

        await fixture.ConsumedAsync(replay.EventId);
        await Task.Delay(300);
        Assert.Equal(members.Count, await fixture.ScalarAsync<long>(
            "select count(*) from earned_transactions where customer_id = any(@members)", new { members = members.ToArray() }));
        Assert.Equal(sales.Sum(sale => (long)sale.NetAmount) - returns.Sum(sale => (long)sale.NetAmount), await fixture.ScalarAsync<long>(
            "select sum(points)::bigint from ledger_entries where customer_id = any(@members)", new { members = members.ToArray() }));
    }

    [Fact]
    public async Task A_return_takes_back_points_in_proportion_and_the_last_return_takes_exactly_the_rest()
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        var sale = await EarnedSaleAsync(member, channel, 99m);

        await fixture.PublishAsync(Purchases.Recorded(Purchases.Return(sale, 33m)));
        await fixture.AccountAsync(member, a => a.Balance == 66, because: "a third of the sale came back: 33 points go");

        await fixture.PublishAsync(Purchases.Recorded(Purchases.Return(sale, 66m)));
        await fixture.AccountAsync(member, a => a.Balance == 0, because: "the rest came back: nothing is left");
        Assert.Equal(2, await fixture.ScalarAsync<long>(
            "select count(*) from outbox where message_type like '%PointsReversed%' and payload::text like @member", new { member = $"%{member}%" }));
    }

    [Fact]
    public async Task A_return_taken_in_while_another_batch_is_still_earning_its_sale_takes_the_points_back()
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        var sale = Purchases.Sale(member, 80m, channel);
        var earning = fixture.Service.Services.GetRequiredService<TransactionEarning>();

        // Two consumers at once, as loyalty runs them: the sale's batch has earned but not yet committed when the
        // return's batch starts.
        await using var saleConnection = fixture.OpenDatabase();
        await using var saleBatch = await saleConnection.BeginTransactionAsync();
        await earning.EarnAsync(saleBatch, [sale], CancellationToken.None);
        var returnBatch = Task.Run(async () =>
        {
            await using var connection = fixture.OpenDatabase();
            await using var transaction = await connection.BeginTransactionAsync();
            await earning.EarnAsync(transaction, [Purchases.Return(sale, 20m)], CancellationToken.None);
            await transaction.CommitAsync();
        });
        // Time for the return's batch to look for the sale while the sale's batch is still open.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await saleBatch.CommitAsync();
        await returnBatch;

        var account = await fixture.AccountAsync(member, _ => true);
        Assert.Equal(60, account.Balance);
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select count(*) from transaction_corrections where transaction_id = @id and not applied", new { id = sale.TransactionId }));
    }

    [Fact]
    public async Task Two_returns_of_one_sale_in_one_event_take_their_shares_and_the_second_no_more_than_is_left()
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        var sale = await EarnedSaleAsync(member, channel, 90m);

        await fixture.PublishAsync(Purchases.Recorded(Purchases.Return(sale, 30m), Purchases.Return(sale, 90m)));

        await fixture.AccountAsync(member, a => a.Balance == 0, because: "a third came back, then more than the rest: nothing is left");
        var reversals = await fixture.QueryAsync<long>(
            "select points from ledger_entries where customer_id = @member and kind = 'reverse' order by id", new { member });
        Assert.Equal([-30L, -60L], reversals);
        Assert.Equal(90m, await fixture.ScalarAsync<decimal>(
            "select returned_net from earned_transactions where transaction_id = @id", new { id = sale.TransactionId }));
    }

    [Fact]
    public async Task A_reversal_that_arrives_before_its_sale_still_takes_the_sale_out()
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        var sale = Purchases.Sale(member, 50m, channel);
        var kept = Purchases.Sale(member, 7m, channel);

        var reversal = new TransactionReversed(Guid.CreateVersion7(), DateTimeOffset.UtcNow, member, sale.TransactionId, sale.ExternalId, "entered in error");
        await fixture.PublishAsync(reversal);
        await fixture.ConsumedAsync(reversal.EventId);
        await fixture.PublishAsync(Purchases.Recorded(sale, kept));

        await fixture.AccountAsync(member, a => a.Balance == 7, because: "only the sale that stands keeps its points");
        var reversed = await fixture.ScalarAsync<long>(
            "select -sum(points) from ledger_entries where customer_id = @member and kind = 'reverse'", new { member });
        Assert.Equal(50, reversed);
    }

    [Fact]
    public async Task Reversing_a_return_gives_back_exactly_what_it_took_once_however_often_the_reversal_comes()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 2.7m));
        var member = await fixture.RegisterAsync();
        var sale = Purchases.Sale(member, 95m, channel);
        var returned = Purchases.Return(sale, 40m);
        await fixture.PublishAsync(Purchases.Recorded(sale));
        await fixture.AccountAsync(member, a => a.Balance == 256, because: "floor(2.7 × 95) = 256 points");
        await fixture.PublishAsync(Purchases.Recorded(returned));
        await fixture.AccountAsync(member, a => a.Balance == 149, because: "40 of 95 came back: floor(256 × 40 / 95) = 107 points go");

        // Delivered twice, then reversed once more by another event: the points come back once.
        var reversal = Purchases.Reversal(returned);
        var again = Purchases.Reversal(returned);
        await fixture.Publisher.PublishDirectlyAsync(reversal);
        await fixture.PublishAsync(reversal);
        await fixture.PublishAsync(again);
        await fixture.ConsumedAsync(reversal.EventId, again.EventId);

        Assert.Equal(256, (await fixture.AccountAsync(member, _ => true)).Balance);
        var restored = Assert.Single(await LedgerAsync(member), entry => entry.Kind == LedgerKinds.Reverse && entry.Points > 0);
        Assert.Equal(107, restored.Points);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_return_reversed_before_it_took_its_points_back_takes_nothing(bool returnWaitsForItsSale)
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        var sale = Purchases.Sale(member, 95m, channel);
        var returned = Purchases.Recorded(Purchases.Return(sale, 40m));
        var reversal = Purchases.Reversal(returned.Transactions[0]);

        // Either the reversal comes before its return, or the return came before its sale and still waits for it.
        var inOrder = returnWaitsForItsSale
            ? new IIntegrationEvent[] { returned, reversal, Purchases.Recorded(sale) }
            : [Purchases.Recorded(sale), reversal, returned];
        foreach (var message in inOrder)
        {
            await fixture.PublishAsync(message);
            await fixture.ConsumedAsync(message.EventId);
        }

        Assert.Equal(95, (await fixture.AccountAsync(member, _ => true)).Balance);
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select count(*) from transaction_corrections where customer_id = @member and not applied", new { member }));
    }

    [Fact]
    public async Task Reversing_a_sale_after_its_return_was_reversed_takes_back_everything_it_earned()
    {
        var (member, sale, returned) = await SaleWithItsReturnAsync();

        await fixture.PublishAsync(Purchases.Reversal(returned));
        await fixture.AccountAsync(member, a => a.Balance == 102, because: "the return's 40 points come back");
        await fixture.PublishAsync(Purchases.Reversal(sale));

        await fixture.AccountAsync(member, a => a.Balance == 7, because: "only the sale that stands keeps its points");
    }

    [Fact]
    public async Task Reversing_a_return_after_its_sale_was_reversed_gives_nothing_back()
    {
        var (member, sale, returned) = await SaleWithItsReturnAsync();
        await fixture.PublishAsync(Purchases.Reversal(sale));
        await fixture.AccountAsync(member, a => a.Balance == 7, because: "the sale's other 55 points go");

        var reversal = Purchases.Reversal(returned);
        await fixture.PublishAsync(reversal);
        await fixture.ConsumedAsync(reversal.EventId);

        Assert.Equal(7, (await fixture.AccountAsync(member, _ => true)).Balance);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_return_of_a_sale_whose_points_expired_takes_nothing_from_the_members_other_purchases(bool housekeepingRanFirst)
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        // 365-day lifetime: the 400-day-old sale's 100 points are past it, the recent sale's 200 are not.
        var lapsed = Purchases.Sale(member, 100m, channel, at: DateTimeOffset.UtcNow.AddDays(-400));
        await fixture.PublishAsync(Purchases.Recorded(lapsed, Purchases.Sale(member, 200m, channel)));
        await fixture.AccountAsync(member, a => a.Balance == 200, because: "only the recent sale's points count");
        if (housekeepingRanFirst)
        {
            await RunHousekeepingAsync();
        }

        var returned = Purchases.Recorded(Purchases.Return(lapsed, 100m));
        await fixture.PublishAsync(returned);
        await fixture.ConsumedAsync(returned.EventId);

        Assert.Equal(200, (await fixture.AccountAsync(member, _ => true)).Balance);
        Assert.DoesNotContain(await LedgerAsync(member), entry => entry.Kind == LedgerKinds.Reverse);
    }

    [Fact]
    public async Task A_return_takes_its_sales_spent_points_from_other_purchases_but_not_its_expired_ones()
    {
        var (member, older) = await PartlySpentPartlyExpiredSaleAsync();

        var returned = Purchases.Recorded(Purchases.Return(older, 100m));
        await fixture.PublishAsync(returned);
        await fixture.ConsumedAsync(returned.EventId);

        // The 60 spent come out of the recent sale's points; the 40 that expired are gone already.
        Assert.Equal(140, (await fixture.AccountAsync(member, _ => true)).Balance);
    }

    [Fact]
    public async Task A_return_reversed_and_returned_again_still_takes_back_every_unexpired_point_of_a_partly_expired_sale()
    {
        var (member, older) = await PartlySpentPartlyExpiredSaleAsync();

        // Of the 60 unexpired points (all spent), the first half takes 50 and the second half the other 10.
        var firstHalf = Purchases.Return(older, 50m);
        await fixture.PublishAsync(Purchases.Recorded(firstHalf));
        await fixture.AccountAsync(member, a => a.Balance == 150, because: "half the sale came back: 50 points");
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Return(older, 50m)));
        await fixture.AccountAsync(member, a => a.Balance == 140, because: "the rest came back: the last 10 unexpired points");

        // The first half's return was entered in error: its 50 come back, and its real return takes them again.
        await fixture.PublishAsync(Purchases.Reversal(firstHalf));
        await fixture.AccountAsync(member, a => a.Balance == 190, because: "the return entered in error gives back its 50 points");
        var again = Purchases.Recorded(Purchases.Return(older, 50m));
        await fixture.PublishAsync(again);
        await fixture.ConsumedAsync(again.EventId);

        Assert.Equal(140, (await fixture.AccountAsync(member, _ => true)).Balance);
    }

    [Fact]
    public async Task Sales_in_another_currency_earn_nothing()
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();

        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 80m, channel, currency: "USD"), Purchases.Sale(member, 3m, channel)));

        await fixture.AccountAsync(member, a => a.Balance == 3);
        Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from earned_transactions where customer_id = @member", new { member }));
    }

    [Fact]
    public async Task Points_earned_are_announced_with_the_batch_that_earned_them()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 3m));
        var member = await fixture.RegisterAsync();
        var sale = Purchases.Sale(member, 10m, channel);

        await fixture.PublishAsync(Purchases.Recorded(sale));
        await fixture.AccountAsync(member, a => a.Balance == 30);

        var announced = await fixture.ScalarAsync<long>("""
            select sum((e->>'points')::bigint) from outbox o, json_array_elements(o.payload::json->'earnings') e
            where o.message_type like '%PointsEarnedBatch%' and e->>'customerId' = @member
            """, new { member = member.ToString() });
        Assert.Equal(30, announced);
    }

    private async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(Guid member) =>
        (await fixture.Client.GetFromJsonAsync<LedgerPage>($"/api/loyalty/accounts/{member}/ledger", Json.Options))!.Items;

    private async Task RunHousekeepingAsync()
    {
        var run = await fixture.Client.PostAsync("/api/loyalty/housekeeping", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, run.StatusCode);
    }

    private async Task DebitAsync(Guid member, long points)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loyalty/accounts/{member}/adjustments")
        {
            Content = JsonContent.Create(new { points = -points, reason = "spent in store" }),
        };
        request.Headers.Add("Idempotency-Key", $"debit-{member}");
        var response = await fixture.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_double_points_rule_with_the_default_priority_doubles_the_base_points_of_the_sales_it_targets()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m, priority: 10));
        var doubled = await fixture.CreateRuleAsync(new
        {
            name = "double app",
            kind = "multiplier",
            factor = 2,
            effectiveFrom = DateTimeOffset.UtcNow.AddDays(-1),
            target = new { channels = new[] { channel } },
        });
        var member = await fixture.RegisterAsync();

        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 100m, channel)));

        Assert.Equal(200, (await fixture.AccountAsync(member, a => a.Balance > 0)).Balance);
        Assert.Equal(100, await fixture.ScalarAsync<long>(
            "select sum(points) from ledger_entries where customer_id = @member and rule_id = @rule", new { member, rule = doubled.Id }));
    }

    /// <summary>
    /// A member with a sale of 100 points past its return window, 60 of them spent and 40 expired (the clock cannot be
    /// moved on, so its batch's expiry is moved back), and a recent sale of 200 still pending: balance 200.
    /// </summary>
    private async Task<(Guid Member, RecordedTransaction Older)> PartlySpentPartlyExpiredSaleAsync()
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        var older = Purchases.Sale(member, 100m, channel, at: DateTimeOffset.UtcNow.AddDays(-45));
        await fixture.PublishAsync(Purchases.Recorded(older, Purchases.Sale(member, 200m, channel)));
        await fixture.AccountAsync(member, a => a.Available == 100 && a.Pending == 200, because: "the older sale is past the return window");
        // Only available points can be spent: the 60 come out of the older sale's.
        await DebitAsync(member, 60);
        // Its lifetime runs out (the clock cannot be moved on): the 40 left of it expire.
        await using (var connection = fixture.OpenDatabase())
        {
            await connection.ExecuteAsync(
                "update earning_batches set expires_at = now() - interval '1 minute' where source = @source", new { source = $"transaction:{older.TransactionId}" });
        }

        await RunHousekeepingAsync();
        await fixture.AccountAsync(member, a => a.Balance == 200, because: "the older sale's last 40 points expired");
        return (member, older);
    }

    /// <summary>A member with a sale of 7 that stands and a sale of 95 of which a return took back 40: balance 62.</summary>
    private async Task<(Guid Member, RecordedTransaction Sale, RecordedTransaction Return)> SaleWithItsReturnAsync()
    {
        var (member, channel) = await NewMemberAtOnePointPerUnitAsync();
        await EarnedSaleAsync(member, channel, 7m);
        var sale = Purchases.Sale(member, 95m, channel);
        var returned = Purchases.Return(sale, 40m);
        await fixture.PublishAsync(Purchases.Recorded(sale, returned));
        await fixture.AccountAsync(member, a => a.Balance == 62, because: "95 earned, 40 taken back");
        return (member, sale, returned);
    }

    /// <summary>A newly registered member and a channel of the test's own, earning one point per currency unit there.</summary>
    private async Task<(Guid Member, string Channel)> NewMemberAtOnePointPerUnitAsync()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m));
        return (await fixture.RegisterAsync(), channel);
    }

    /// <summary>A sale of the member's first, once its points are in the balance (one per unit of <paramref name="net"/>).</summary>
    private async Task<RecordedTransaction> EarnedSaleAsync(Guid member, string channel, decimal net)
    {
        var sale = Purchases.Sale(member, net, channel);
        await fixture.PublishAsync(Purchases.Recorded(sale));
        await fixture.AccountAsync(member, a => a.Balance == net);
        return sale;
    }
}
