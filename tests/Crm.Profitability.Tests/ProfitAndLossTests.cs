using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Contracts.Segmentation;
using Crm.Profitability.Model;
using Crm.Testing;
using static Crm.Profitability.Tests.ProfitabilityFixture;

namespace Crm.Profitability.Tests;

/// <summary>
/// Customer P&amp;Ls kept current from the customers service's events. Cost models are shared by the class's tests,
/// so each test prices its own year: its versions take effect on 1 January of that year.
/// </summary>
public sealed class ProfitAndLossTests(ProfitabilityFixture fixture) : IClassFixture<ProfitabilityFixture>
{
    [Fact]
    public async Task Every_line_of_the_pnl_follows_from_the_transactions_interactions_and_cost_model()
    {
        var year = Year(2031);
        await CreateCostModelAsync(year, admin: new AdminCostRule(AdminCostBases.PerTransaction, 0.50m),
            channels: [new ChannelCost("web", 1.50m, 0), new ChannelCost("email", 0, 0.20m)],
            serviceCosts: [new ServiceCost("call", 4.00m)]);
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(
            Transactions(
                Sale(customer, year.AddDays(10), revenue: 100, discounts: 10, allowances: 5, productCost: 40),
                Sale(customer, year.AddDays(20), revenue: 20, productCost: 8, kind: TransactionKinds.Return)),
            Interactions(
                Interaction(customer, year.AddDays(11), "call", "phone"),
                Interaction(customer, year.AddDays(12), "emailOpened", "email", costToServe: 0.30m)));
        await fixture.WaitForTransactionsAsync(customer, 2);
        await fixture.WaitForInteractionsAsync(customer, 2);

        var pnl = await PnlAsync(customer, year);

        Assert.Equal(2, pnl.Transactions);
        Assert.Equal(2, pnl.Interactions);
        Assert.Equal(80m, pnl.Lines.GrossRevenue);          // 100 sold − 20 returned
        Assert.Equal(5m, pnl.Lines.AllowancesAndCredits);
        Assert.Equal(10m, pnl.Lines.Discounts);
        Assert.Equal(65m, pnl.Lines.NetRevenue);            // 85 − 20
        Assert.Equal(32m, pnl.Lines.ProductCosts);          // 40 − 8 taken back
        Assert.Equal(3.20m, pnl.Lines.ChannelCosts);        // 2 web transactions × 1.50 + 1 email contact × 0.20
        Assert.Equal(4.30m, pnl.Lines.CostToServe);         // the model's call + the email's own recorded cost
        Assert.Equal(1.00m, pnl.Lines.AdminCosts);          // 2 transactions × 0.50
        Assert.Equal(24.50m, pnl.Lines.Profit);
    }

    [Fact]
    public async Task Admin_costs_follow_the_allocation_rule_share_of_revenue_or_per_active_month()
    {
        var year = Year(2033);
        await CreateCostModelAsync(year, admin: new AdminCostRule(AdminCostBases.ShareOfRevenue, 0.10m));
        await CreateCostModelAsync(year.AddMonths(6), admin: new AdminCostRule(AdminCostBases.PerCustomerMonth, 2.00m));
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(Transactions(
            Sale(customer, year.AddDays(5), revenue: 200),
            Sale(customer, year.AddMonths(7), revenue: 50),
            Sale(customer, year.AddMonths(7).AddDays(3), revenue: 50),
            Sale(customer, year.AddMonths(9), revenue: 50)));
        await fixture.WaitForTransactionsAsync(customer, 4);

        var pnl = await PnlAsync(customer, year);

        // 10% of the 200 sold in the first half; then 2.00 for each of the two months with purchases.
        Assert.Equal(24.00m, pnl.Lines.AdminCosts);
        Assert.Equal(326.00m, pnl.Lines.Profit);
    }

    [Fact]
    public async Task A_per_customer_month_charge_starting_mid_month_charges_that_month_once()
    {
        var year = Year(2091);
        await CreateCostModelAsync(year, admin: new AdminCostRule(AdminCostBases.None, 0m));
        await CreateCostModelAsync(year.AddMonths(9).AddDays(14), admin: new AdminCostRule(AdminCostBases.PerCustomerMonth, 0.50m));
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(Transactions(
            Sale(customer, year.AddMonths(9).AddDays(4), revenue: 10),
            Sale(customer, year.AddMonths(9).AddDays(19), revenue: 10),
            Sale(customer, year.AddMonths(10).AddDays(2), revenue: 10)));
        await fixture.WaitForTransactionsAsync(customer, 3);

        var pnl = await PnlAsync(customer, year);

        // October (active on the 20th under the charge from the 15th) and November, once each.
        Assert.Equal(1.00m, pnl.Lines.AdminCosts);
    }

    [Fact]
    public async Task A_new_cost_model_version_reprices_what_happened_from_its_effective_date()
    {
        var year = Year(2035);
        await CreateCostModelAsync(year, channels: [new ChannelCost("store", 2.00m, 0)]);
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(Transactions(
            Sale(customer, year.AddMonths(1), revenue: 10, channel: "store"),
            Sale(customer, year.AddMonths(8), revenue: 10, channel: "store")));
        await fixture.WaitForTransactionsAsync(customer, 2);
        Assert.Equal(4.00m, (await PnlAsync(customer, year)).Lines.ChannelCosts);

        await CreateCostModelAsync(year.AddMonths(6), channels: [new ChannelCost("store", 5.00m, 0)]);
        Assert.Equal(7.00m, (await PnlAsync(customer, year)).Lines.ChannelCosts);

        // A correction with the same effective date supersedes the version it corrects.
        await CreateCostModelAsync(year.AddMonths(6), channels: [new ChannelCost("store", 3.00m, 0)]);
        Assert.Equal(5.00m, (await PnlAsync(customer, year)).Lines.ChannelCosts);
    }

    [Fact]
    public async Task A_reversed_transaction_leaves_the_pnl_even_when_the_reversal_arrives_first()
    {
        var year = Year(2037);
        var customer = Guid.NewGuid();
        var kept = Sale(customer, year.AddDays(1), revenue: 30);
        var reversedLater = Sale(customer, year.AddDays(2), revenue: 40);
        var reversedEarly = Sale(customer, year.AddDays(3), revenue: 50);
        await fixture.PublishAsync(Reversal(reversedEarly));
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync<long>("select count(*) from transaction_reversals where transaction_id = @TransactionId", new { reversedEarly.TransactionId }),
            count => count == 1, because: "for the early reversal");
        await fixture.PublishAsync(Transactions(kept, reversedLater, reversedEarly));
        await fixture.WaitForTransactionsAsync(customer, 3);
        Assert.Equal(70m, (await PnlAsync(customer, year)).Lines.NetRevenue);

        await fixture.PublishAsync(Reversal(reversedLater));

        await Eventually.ReturnsAsync(() => PnlAsync(customer, year), pnl => pnl.Transactions == 1, because: "for the reversal to apply");
        Assert.Equal(30m, (await PnlAsync(customer, year)).Lines.NetRevenue);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_or_a_transaction_repeated_in_another_event_counts_once()
    {
        var year = Year(2039);
        var customer = Guid.NewGuid();
        var sale = Sale(customer, year.AddDays(1), revenue: 25);
        var batch = Transactions(sale);
        await fixture.PublishAsync(batch);
        await fixture.Customers.PublishDirectlyAsync(batch);
        await fixture.PublishAsync(Transactions(sale, Sale(customer, year.AddDays(2), revenue: 5)));
        await fixture.WaitForTransactionsAsync(customer, 2);
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @EventId", new { batch.EventId }),
            count => count == 1, because: "for the batch in the inbox");

        var pnl = await PnlAsync(customer, year);

        Assert.Equal(2, pnl.Transactions);
        Assert.Equal(30m, pnl.Lines.NetRevenue);
    }

    [Fact]
    public async Task Transactions_in_another_currency_are_counted_as_excluded_not_added()
    {
        var year = Year(2041);
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(Transactions(Sale(customer, year.AddDays(1), revenue: 25), Sale(customer, year.AddDays(2), revenue: 99, currency: "USD")));
        await fixture.WaitForTransactionsAsync(customer, 2);

        var pnl = await PnlAsync(customer, year);

        Assert.Equal(25m, pnl.Lines.NetRevenue);
        Assert.Equal(1, pnl.ExcludedTransactions);
        Assert.Equal("EUR", pnl.Currency);
    }

    [Fact]
    public async Task Unprofitable_customers_are_ranked_by_loss_with_the_cost_line_that_weighs_most()
    {
        var year = Year(2043);
        await CreateCostModelAsync(year, serviceCosts: [new ServiceCost("serviceTicket", 30m)]);
        var heavyServiceUser = Guid.NewGuid();
        var discountHunter = Guid.NewGuid();
        var goodCustomer = Guid.NewGuid();
        await fixture.PublishAsync(
            Transactions(
                Sale(heavyServiceUser, year.AddDays(1), revenue: 50, productCost: 30),
                Sale(discountHunter, year.AddDays(1), revenue: 100, discounts: 60, productCost: 50),
                Sale(goodCustomer, year.AddDays(1), revenue: 100, productCost: 40)),
            Interactions(
                Interaction(heavyServiceUser, year.AddDays(2), "serviceTicket", "phone"),
                Interaction(heavyServiceUser, year.AddDays(3), "serviceTicket", "phone")));
        await fixture.WaitForInteractionsAsync(heavyServiceUser, 2);
        await fixture.WaitForTransactionsAsync(goodCustomer, 1);

        var ranked = await fixture.GetAsync<List<UnprofitableCustomer>>($"/api/profitability/pnl/unprofitable?{Period(year)}");

        Assert.Equal([heavyServiceUser, discountHunter], ranked.Select(c => c.CustomerId));
        Assert.Equal(-40m, ranked[0].Profit);
        Assert.Equal("costToServe", ranked[0].LargestCostLine);
        Assert.Equal(-10m, ranked[1].Profit);
        Assert.Equal("discounts", ranked[1].LargestCostLine);
    }

    [Fact]
    public async Task Channel_value_shows_revenue_cost_profit_reach_and_repeat_rate_per_channel()
    {
        var year = Year(2045);
        await CreateCostModelAsync(year, channels: [new ChannelCost("web", 1m, 0), new ChannelCost("store", 5m, 0), new ChannelCost("email", 0, 0.5m)]);
        var loyal = Guid.NewGuid();
        var once = Guid.NewGuid();
        await fixture.PublishAsync(
            Transactions(
                Sale(loyal, year.AddDays(1), revenue: 40, productCost: 20),
                Sale(loyal, year.AddDays(9), revenue: 60, productCost: 30),
                Sale(once, year.AddDays(2), revenue: 100, productCost: 50),
                Sale(once, year.AddDays(3), revenue: 80, productCost: 30, channel: "store")),
            Interactions(Interaction(loyal, year.AddDays(4), "emailOpened", "email")));
        await fixture.WaitForTransactionsAsync(once, 2);
        await fixture.WaitForInteractionsAsync(loyal, 1);

        var channels = (await fixture.GetAsync<List<ChannelValue>>($"/api/profitability/channels?{Period(year)}")).ToDictionary(c => c.Channel);

        var web = channels["web"];
        Assert.Equal((3, 2, 200m, 103m, 97m), (web.Transactions, web.Customers, web.NetRevenue, web.Costs, web.Profit));
        Assert.Equal(1.0, web.ShareOfCustomers);
        Assert.Equal(0.5, web.RepeatRate);
        var store = channels["store"];
        Assert.Equal((1, 80m, 35m, 45m, 0.5, 0.0), (store.Customers, store.NetRevenue, store.Costs, store.Profit, store.ShareOfCustomers, store.RepeatRate));
        var email = channels["email"];
        Assert.Equal((0, 1, 0.5m, -0.5m), (email.Transactions, email.Interactions, email.Costs, email.Profit));
        Assert.Equal(["web", "store", "email"], channels.Values.Select(c => c.Channel));
    }

    [Fact]
    public async Task A_channel_that_only_took_a_return_in_the_period_has_no_buying_customers()
    {
        var year = Year(2093);
        await CreateCostModelAsync(year);
        var (buyer, returner) = (Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAsync(Transactions(
            Sale(buyer, year.AddDays(1), revenue: 30),
            Sale(returner, year.AddDays(2), revenue: 20),
            Sale(returner, year.AddDays(5), revenue: 5, channel: "phone", kind: TransactionKinds.Return)));
        await fixture.WaitForTransactionsAsync(returner, 2);

        var channels = (await fixture.GetAsync<List<ChannelValue>>($"/api/profitability/channels?{Period(year)}")).ToDictionary(c => c.Channel);

        Assert.Equal((1, 0, 0.0), (channels["phone"].Transactions, channels["phone"].Customers, channels["phone"].ShareOfCustomers));
        Assert.Equal((2, 1.0), (channels["web"].Customers, channels["web"].ShareOfCustomers));
    }

    [Fact]
    public async Task The_pnl_rolls_up_by_acquisition_source_and_follows_a_corrected_source()
    {
        var year = Year(2047);
        var fromFair = Guid.NewGuid();
        var fromSearch = Guid.NewGuid();
        await fixture.PublishAsync(
            Registered(fromFair, "tradeFair"),
            Registered(fromSearch, "search"),
            Transactions(Sale(fromFair, year.AddDays(1), revenue: 70), Sale(fromSearch, year.AddDays(1), revenue: 30)));
        await fixture.WaitForTransactionsAsync(fromSearch, 1);
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync<long>("select count(*) from customers where customer_id = any(@Ids)", new { Ids = new[] { fromFair, fromSearch } }),
            count => count == 2, because: "for both customers to be known");

        var rollup = (await fixture.GetAsync<List<ProfitRollup>>($"/api/profitability/pnl/by-acquisition-source?{Period(year)}")).ToDictionary(r => r.Group);

        Assert.Equal((1, 70m), (rollup["tradeFair"].Customers, rollup["tradeFair"].Lines.NetRevenue));
        Assert.Equal((1, 30m), (rollup["search"].Customers, rollup["search"].Lines.NetRevenue));
    }

    [Fact]
    public async Task The_pnl_rolls_up_by_segment_over_current_members_and_a_late_older_change_does_not_undo_a_newer_one()
    {
        var year = Year(2053);
        var (loyal, occasional) = (Guid.NewGuid(), Guid.NewGuid());
        var (regulars, atRisk) = (Guid.NewGuid(), Guid.NewGuid());
        var entered = DateTimeOffset.UtcNow.AddMinutes(-10);
        await fixture.PublishAsync(
            Transactions(Sale(loyal, year.AddDays(1), revenue: 70, productCost: 30), Sale(occasional, year.AddDays(2), revenue: 30, productCost: 10)),
            Memberships(
                Change(loyal, regulars, "Regulars", MembershipChanges.Entered, entered),
                Change(occasional, regulars, "Regulars", MembershipChanges.Entered, entered),
                Change(occasional, atRisk, "At risk", MembershipChanges.Entered, entered)));
        await fixture.WaitForTransactionsAsync(occasional, 1);
        // The occasional buyer left "At risk" later; then an older change that had them enter arrives late.
        await fixture.PublishAsync(Memberships(Change(occasional, atRisk, "At risk", MembershipChanges.Left, entered.AddMinutes(5))));
        await Eventually.ReturnsAsync(
            () => fixture.ScalarAsync<bool?>("select is_member from segment_memberships where customer_id = @occasional and segment_id = @atRisk", new { occasional, atRisk }),
            isMember => isMember == false, because: "for the newer change");
        var late = Memberships(Change(occasional, atRisk, "At risk", MembershipChanges.Entered, entered.AddMinutes(1)));
        await fixture.PublishAsync(late);
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @EventId", new { late.EventId }),
            count => count == 1, because: "for the late change to be consumed");

        var rollup = (await fixture.GetAsync<List<SegmentProfitRollup>>($"/api/profitability/pnl/by-segment?{Period(year)}"))
            .Where(r => r.SegmentId == regulars || r.SegmentId == atRisk).ToList();

        var row = Assert.Single(rollup);
        Assert.Equal((regulars, "Regulars", 2), (row.SegmentId, row.Segment, row.Customers));
        // The segment's P&L is its members' P&Ls added up (whatever cost model the shared years leave in force).
        var members = new[] { await PnlAsync(loyal, year), await PnlAsync(occasional, year) };
        Assert.Equal((100m, 40m), (row.Lines.NetRevenue, row.Lines.ProductCosts));
        Assert.Equal(members.Sum(member => member.Lines.Profit), row.Lines.Profit);
        Assert.Equal(decimal.Round(row.Lines.Profit / 2, 2), row.ProfitPerCustomer);
    }

    [Fact]
    public async Task An_erased_customer_has_no_pnl_left_while_the_channel_totals_keep_their_sales()
    {
        var year = Year(2049);
        var erased = Guid.NewGuid();
        await fixture.PublishAsync(
            Transactions(Sale(erased, year.AddDays(1), revenue: 70, channel: "partner")),
            Interactions(Interaction(erased, year.AddDays(2), "call", "phone")),
            Memberships(Change(erased, Guid.NewGuid(), "Partners", MembershipChanges.Entered, DateTimeOffset.UtcNow)));
        await fixture.WaitForTransactionsAsync(erased, 1);
        await fixture.WaitForInteractionsAsync(erased, 1);
        await Eventually.ReturnsAsync(() => SegmentsOfAsync(erased), count => count == 1, because: "for the membership");

        await fixture.PublishAsync(new CustomerErased(Guid.NewGuid(), DateTimeOffset.UtcNow, erased));

        await Eventually.ReturnsAsync(() => PnlAsync(erased, year), pnl => pnl.Transactions == 0 && pnl.Interactions == 0, because: "for the erasure");
        var partner = (await fixture.GetAsync<List<ChannelValue>>($"/api/profitability/channels?{Period(year)}")).Single(c => c.Channel == "partner");
        Assert.Equal(70m, partner.NetRevenue);
        Assert.Equal(0, await SegmentsOfAsync(erased));
    }

    [Theory]
    [InlineData("{}", "effectiveFrom")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","admin":{"basis":"perLunch","amount":1}}""", "admin.basis")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","admin":{"basis":"shareOfRevenue","amount":1.5}}""", "admin.amount")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","channels":[{"channel":"web","perTransaction":-1,"perContact":0}]}""", "channels[0].perTransaction")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","channels":[{"channel":"web","perTransaction":1,"perContact":0},{"channel":"web","perTransaction":2,"perContact":0}]}""", "channels[1]")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","serviceCosts":[{"interactionType":"","cost":1}]}""", "serviceCosts[0]")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","channels":[{"channel":"Store","perTransaction":1,"perContact":0}]}""", "channels[0]")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","serviceCosts":[{"interactionType":"fax","cost":1}]}""", "serviceCosts[0]")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","admin":{"basis":"none","amount":999}}""", "admin.amount")]
    [InlineData("""{"effectiveFrom":"not a date"}""", "effectiveFrom")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","note":"tariff\u0000"}""", "note")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","note":"tariff\ud800"}""", "note")]
    [InlineData("""{"effectiveFrom":"2030-01-01T00:00:00Z","channels":[{"channel":"w\u0000b","perTransaction":1,"perContact":0}]}""", "channels[0]")]
    public async Task An_invalid_cost_model_is_a_problem_naming_the_field_and_stores_nothing(string body, string field)
    {
        var before = await fixture.ScalarAsync<long>("select count(*) from cost_models");

        var response = await fixture.Client.PostAsync("/api/profitability/cost-models", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await fixture.ScalarAsync<long>("select count(*) from cost_models"));
    }

    [Theory]
    [InlineData("/api/profitability/customers/{0}/pnl?from=2030-02-01&to=2030-01-01", "to")]
    [InlineData("/api/profitability/customers/{0}/pnl?from=1800-01-01", "from")]
    [InlineData("/api/profitability/pnl/unprofitable?limit=0", "limit")]
    [InlineData("/api/profitability/channels?from=yesterday", null)]
    [InlineData("/api/profitability/pnl/by-segment?from=2030-02-01&to=2030-01-01", "to")]
    public async Task A_bad_period_or_limit_is_a_problem_response(string path, string? field)
    {
        var response = await fixture.Client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid()));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/profitability/customers/{0}/pnl")]
    [InlineData("/api/profitability/pnl/unprofitable")]
    [InlineData("/api/profitability/pnl/by-acquisition-source")]
    [InlineData("/api/profitability/pnl/by-segment")]
    [InlineData("/api/profitability/channels")]
    public async Task A_period_written_with_an_offset_answers_as_the_same_instants_in_utc(string path)
    {
        var (customer, midsummer) = await TwoSalesAroundMidsummerAsync();
        var endpoint = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, customer);

        var withOffset = await fixture.Client.GetAsync($"{endpoint}?from={Uri.EscapeDataString($"{midsummer:yyyy-MM-dd}T00:00:00+02:00")}&to={Uri.EscapeDataString($"{midsummer.AddMonths(6):yyyy-MM-dd}T00:00:00+02:00")}");
        var inUtc = await fixture.Client.GetAsync($"{endpoint}?from={midsummer.AddHours(-2):yyyy-MM-ddTHH:mm:ss}Z&to={midsummer.AddMonths(6).AddHours(-2):yyyy-MM-ddTHH:mm:ss}Z");

        var body = await withOffset.Content.ReadAsStringAsync();
        Assert.True(withOffset.StatusCode == HttpStatusCode.OK, $"{(int)withOffset.StatusCode}: {body}");
        Assert.Equal(await inUtc.Content.ReadAsStringAsync(), body);
    }

    [Fact]
    public async Task A_pnl_from_midnight_at_plus_two_hours_starts_two_hours_before_midnight_utc()
    {
        var (customer, midsummer) = await TwoSalesAroundMidsummerAsync();

        var pnl = await fixture.GetAsync<CustomerProfitAndLoss>(
            $"/api/profitability/customers/{customer}/pnl?from={Uri.EscapeDataString($"{midsummer:yyyy-MM-dd}T00:00:00+02:00")}&to={midsummer.AddYears(1):yyyy-MM-dd}");

        // The sale at 21:00 UTC is before the period, the one at 23:00 UTC (01:00 at +02:00) in it.
        Assert.Equal(1, pnl.Transactions);
        Assert.Equal(30m, pnl.Lines.GrossRevenue);
    }

    [Fact]
    public async Task Cost_model_versions_are_numbered_and_readable()
    {
        var created = await CreateCostModelAsync(Year(2051), channels: [new ChannelCost("web", 0.25m, 0.05m)], note: "2051 tariff");

        var read = await fixture.GetAsync<CostModel>($"/api/profitability/cost-models/{created.Version}");
        var all = await fixture.GetAsync<List<CostModel>>("/api/profitability/cost-models");

        Assert.Equal("2051 tariff", read.Note);
        Assert.Equal(new ChannelCost("web", 0.25m, 0.05m), Assert.Single(read.Channels));
        Assert.Contains(all, model => model.Version == created.Version);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/api/profitability/cost-models/999999")).StatusCode);
    }

    /// <summary>A customer with a sale at 21:00 and a loss-making one at 23:00 UTC the evening before 1 July 2057.</summary>
    private async Task<(Guid Customer, DateTimeOffset Midsummer)> TwoSalesAroundMidsummerAsync()
    {
        var midsummer = new DateTimeOffset(2057, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(
            Registered(customer, "tradeFair"),
            Transactions(Sale(customer, midsummer.AddHours(-3), revenue: 70), Sale(customer, midsummer.AddHours(-1), revenue: 30, productCost: 45)));
        await fixture.WaitForTransactionsAsync(customer, 2);
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync<long>("select count(*) from customers where customer_id = @customer", new { customer }),
            count => count == 1, because: "for the customer to be known");
        return (customer, midsummer);
    }

    private Task<long> SegmentsOfAsync(Guid customerId) =>
        fixture.ScalarAsync<long>("select count(*) from segment_memberships where customer_id = @customerId", new { customerId });

    private static SegmentMembershipsChanged Memberships(params SegmentMembershipChanged[] changes) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, changes);

    private static SegmentMembershipChanged Change(Guid customerId, Guid segmentId, string segment, string change, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, customerId, segmentId, segment, 1, change, "rule");

    private static DateTimeOffset Year(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Period(DateTimeOffset year) => $"from={year:yyyy-MM-dd}&to={year.AddYears(1):yyyy-MM-dd}";

    private static CustomerRegistered Registered(Guid customerId, string source) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, $"C-{customerId:N}", "Someone", null, AcquisitionSource: source);

    private static TransactionReversed Reversal(RecordedTransaction transaction) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, transaction.CustomerId, transaction.TransactionId, transaction.ExternalId, "entered in error");

    private Task<CustomerProfitAndLoss> PnlAsync(Guid customerId, DateTimeOffset year) =>
        fixture.GetAsync<CustomerProfitAndLoss>($"/api/profitability/customers/{customerId}/pnl?{Period(year)}");

    private async Task<CostModel> CreateCostModelAsync(
        DateTimeOffset effectiveFrom, AdminCostRule? admin = null, ChannelCost[]? channels = null, ServiceCost[]? serviceCosts = null, string? note = null)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/profitability/cost-models", new NewCostModel(effectiveFrom, admin, channels, serviceCosts, note));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CostModel>())!;
    }
}
