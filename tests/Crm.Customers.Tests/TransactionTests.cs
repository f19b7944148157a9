using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>Sales and returns: exact totals, idempotent posting, returns tied to their sale, and reversals.</summary>
public sealed class TransactionTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    private static readonly DateTimeOffset Yesterday = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);

    [Fact]
    public async Task A_sale_is_recorded_with_totals_exact_to_the_cent()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var transactionId = CustomersServiceFixture.NewExternalId("T");

        var response = await PostAsync(customer.Id, new
        {
            transactionId,
            occurredAt = Yesterday,
            channel = "web",
            currency = "EUR",
            lines = new object[]
            {
                new { sku = "PEN", category = "office", quantity = 3, unitPrice = 0.1m, discount = 0.05m, allowance = 0m, unitCost = 0.02m },
                new { sku = "INK", category = "office", quantity = 1, unitPrice = 0.2m, discount = 0m, allowance = 0.1m, unitCost = 0.07m },
                new { sku = "PAPER", category = "office", quantity = 2.5m, unitPrice = 19.99m, discount = 2m, allowance = 0m, unitCost = 12.3456m },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sale = (await response.Content.ReadFromJsonAsync<Transaction>())!;
        Assert.Equal($"/api/customers/{customer.Id}/transactions/{sale.Id}", response.Headers.Location?.ToString());
        // 3 × 0.10 + 1 × 0.20 + 2.5 × 19.99 = 0.30 + 0.20 + 49.975 = 50.475 → 50.48 (half away from zero)
        Assert.Equal(50.48m, sale.Revenue);
        Assert.Equal(2.05m, sale.Discounts);
        Assert.Equal(0.10m, sale.Allowances);
        Assert.Equal(48.33m, sale.NetAmount);
        // 3 × 0.02 + 1 × 0.07 + 2.5 × 12.3456 = 0.06 + 0.07 + 30.864 = 30.994 → 30.99
        Assert.Equal(30.99m, sale.ProductCost);
        Assert.Equal("sale", sale.Kind);
        Assert.Equal(transactionId, sale.TransactionId);
        Assert.Equal(customer.Id, sale.CustomerId);
        Assert.Equal(Yesterday, sale.OccurredAt);
        Assert.Equal(
            [("PEN", 3m, 0.1m), ("INK", 1m, 0.2m), ("PAPER", 2.5m, 19.99m)],
            sale.Lines.Select(line => (line.Sku, line.Quantity, line.UnitPrice)));
        Assert.Equal(12.3456m, sale.Lines[2].UnitCost);
        Assert.Null(sale.ReversedAt);
    }

    [Fact]
    public async Task The_recorded_sale_is_read_back_alone_and_in_the_list()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var posted = await PostSaleAsync(customer.Id);

        var one = (await fixture.Client.GetFromJsonAsync<Transaction>($"/api/customers/{customer.Id}/transactions/{posted.Id}"))!;
        var list = (await fixture.Client.GetFromJsonAsync<Page<Transaction>>($"/api/customers/{customer.Id}/transactions"))!;

        Assert.Equal(posted.TransactionId, one.TransactionId);
        Assert.Equal(posted.NetAmount, one.NetAmount);
        Assert.Equal(posted.Lines, one.Lines);
        Assert.Equal(posted.Id, Assert.Single(list.Items).Id);
        Assert.Null(list.Next);
    }

    [Fact]
    public async Task Posting_announces_the_transaction_with_the_same_totals()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id, quantity: 3, unitPrice: 33.333m);

        Assert.Equal(1, await fixture.CountEventsAsync("TransactionsRecorded", customer.Id));
        var netAmount = await fixture.ScalarAsync<decimal>(
            "select (payload::json->'transactions'->0->>'netAmount')::numeric from outbox where payload::json->'transactions'->0->>'customerId' = @Id",
            new { Id = customer.Id.ToString() });
        Assert.Equal(100.00m, sale.NetAmount);
        Assert.Equal(sale.NetAmount, netAmount);
    }

    [Fact]
    public async Task Posting_the_same_transaction_twice_records_it_once_and_answers_the_same()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var body = SaleBody(CustomersServiceFixture.NewExternalId("T"));

        var first = await PostRawAsync(customer.Id, body);
        var second = await PostRawAsync(customer.Id, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountTransactionsAsync(customer.Id));
        Assert.Equal(1, await fixture.CountEventsAsync("TransactionsRecorded", customer.Id));
    }

    [Fact]
    public async Task A_retry_that_writes_the_same_amounts_and_time_differently_is_still_the_same_transaction()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var transactionId = CustomersServiceFixture.NewExternalId("T");
        var first = $$"""
            {"transactionId": "{{transactionId}}", "occurredAt": "2024-06-01T12:00:00Z", "channel": "store", "currency": "USD",
             "lines": [{"sku": "A", "category": "toys", "quantity": 2, "unitPrice": 1.5, "discount": 0.5}]}
            """;
        var retry = $$"""
            {"transactionId": "{{transactionId}}", "occurredAt": "2024-06-01T14:00:00+02:00", "channel": "store", "currency": "USD", "kind": "sale",
             "lines": [{"sku": "A", "category": "toys", "quantity": 2.000, "unitPrice": 1.50, "discount": 0.50, "allowance": 0, "unitCost": 0}]}
            """;

        var created = await PostRawAsync(customer.Id, first);
        var replayed = await PostRawAsync(customer.Id, retry);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal(["true"], replayed.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, await CountTransactionsAsync(customer.Id));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_transaction_record_it_once()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var body = SaleBody(CustomersServiceFixture.NewExternalId("T"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostRawAsync(customer.Id, body)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, await CountTransactionsAsync(customer.Id));
        Assert.Equal(1, await fixture.CountEventsAsync("TransactionsRecorded", customer.Id));
    }

    [Fact]
    public async Task Reusing_a_transaction_id_for_different_content_is_a_409_and_keeps_the_first()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var transactionId = CustomersServiceFixture.NewExternalId("T");
        var original = await PostSaleAsync(customer.Id, transactionId, quantity: 1, unitPrice: 10m);
        var before = await fixture.CountRecordsAsync();

        var reused = await PostAsync(customer.Id, Sale(transactionId, quantity: 2, unitPrice: 10m));

        await CustomersServiceFixture.AssertProblemAsync(reused, HttpStatusCode.Conflict);
        Assert.Equal(before, await fixture.CountRecordsAsync());
        var kept = (await fixture.Client.GetFromJsonAsync<Transaction>($"/api/customers/{customer.Id}/transactions/{original.Id}"))!;
        Assert.Equal(10.00m, kept.Revenue);
    }

    [Fact]
    public async Task Another_customer_cannot_post_under_a_transaction_id_already_used()
    {
        var owner = await fixture.RegisterCustomerAsync();
        var other = await fixture.RegisterCustomerAsync();
        var transactionId = CustomersServiceFixture.NewExternalId("T");
        await PostSaleAsync(owner.Id, transactionId);
        var before = await fixture.CountRecordsAsync();

        var response = await PostAsync(other.Id, Sale(transactionId));

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(before, await fixture.CountRecordsAsync());
        Assert.Equal(0, await CountTransactionsAsync(other.Id));
    }

    [Fact]
    public async Task A_return_of_the_customers_own_sale_is_recorded_with_positive_amounts()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id, quantity: 2, unitPrice: 25m);

        var response = await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), quantity: 1, unitPrice: 25m, kind: "return", original: sale.TransactionId));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var returned = (await response.Content.ReadFromJsonAsync<Transaction>())!;
        Assert.Equal("return", returned.Kind);
        Assert.Equal(sale.TransactionId, returned.OriginalTransactionId);
        Assert.Equal(25.00m, returned.Revenue);
        Assert.Equal(25.00m, returned.NetAmount);
    }

    [Fact]
    public async Task Returns_may_take_back_no_more_than_their_sale_and_the_one_that_would_is_a_400_storing_nothing()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id, quantity: 2, unitPrice: 25m);
        var first = await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), quantity: 1, unitPrice: 25m, kind: "return", original: sale.TransactionId));
        var second = await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), quantity: 1, unitPrice: 20m, kind: "return", original: sale.TransactionId));
        var before = await fixture.CountRecordsAsync();

        var third = await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), quantity: 1, unitPrice: 5.01m, kind: "return", original: sale.TransactionId));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        await CustomersServiceFixture.AssertValidationProblemAsync(third, "originalTransactionId");
        Assert.Equal(before, await fixture.CountRecordsAsync());
        var exact = await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), quantity: 1, unitPrice: 5m, kind: "return", original: sale.TransactionId));
        Assert.Equal(HttpStatusCode.Created, exact.StatusCode);
    }

    [Fact]
    public async Task A_return_in_another_currency_or_before_its_sale_is_a_400_naming_the_field()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id);
        var before = await fixture.CountRecordsAsync();

        var inDollars = await PostAsync(customer.Id, new
        {
            transactionId = CustomersServiceFixture.NewExternalId("R"),
            occurredAt = Yesterday,
            channel = "store",
            currency = "USD",
            kind = "return",
            originalTransactionId = sale.TransactionId,
            lines = new[] { new { sku = "SKU-1", category = "books", quantity = 1m, unitPrice = 10m } },
        });
        var tooEarly = await PostAsync(customer.Id, Sale(
            CustomersServiceFixture.NewExternalId("R"), kind: "return", original: sale.TransactionId, occurredAt: Yesterday.AddDays(-1)));

        await CustomersServiceFixture.AssertValidationProblemAsync(inDollars, "currency");
        await CustomersServiceFixture.AssertValidationProblemAsync(tooEarly, "occurredAt");
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task A_return_of_another_customers_sale_is_a_400_naming_the_original_and_stores_nothing()
    {
        var buyer = await fixture.RegisterCustomerAsync();
        var stranger = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(buyer.Id);
        var before = await fixture.CountRecordsAsync();

        var response = await PostAsync(stranger.Id, Sale(CustomersServiceFixture.NewExternalId("R"), kind: "return", original: sale.TransactionId));

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "originalTransactionId");
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task A_return_of_a_return_is_a_400_naming_the_original()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id);
        var firstReturn = (await (await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), kind: "return", original: sale.TransactionId)))
            .Content.ReadFromJsonAsync<Transaction>())!;

        var response = await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), kind: "return", original: firstReturn.TransactionId));

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "originalTransactionId");
    }

    [Fact]
    public async Task A_reversal_cancels_the_sale_once_and_repeating_it_changes_nothing()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id);

        var first = await ReverseAsync(customer.Id, sale.Id, "Entered twice by the till");
        var second = await ReverseAsync(customer.Id, sale.Id, "Entered twice by the till");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var reversed = (await first.Content.ReadFromJsonAsync<Transaction>())!;
        var again = (await second.Content.ReadFromJsonAsync<Transaction>())!;
        Assert.NotNull(reversed.ReversedAt);
        Assert.Equal(reversed.ReversedAt, again.ReversedAt);
        Assert.Equal("Entered twice by the till", reversed.ReversalReason);
        var read = (await fixture.Client.GetFromJsonAsync<Transaction>($"/api/customers/{customer.Id}/transactions/{sale.Id}"))!;
        Assert.Equal(reversed.ReversedAt, read.ReversedAt);
        Assert.Equal(1, await fixture.CountEventsAsync("TransactionReversed", customer.Id));
    }

    [Fact]
    public async Task A_sale_with_returns_cannot_be_reversed_until_its_returns_are()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id);
        var returned = (await (await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), kind: "return", original: sale.TransactionId)))
            .Content.ReadFromJsonAsync<Transaction>())!;

        var refused = await ReverseAsync(customer.Id, sale.Id, "Wrong customer");
        var returnReversed = await ReverseAsync(customer.Id, returned.Id, "Return entered in error");
        var saleReversed = await ReverseAsync(customer.Id, sale.Id, "Wrong customer");

        await CustomersServiceFixture.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, returnReversed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saleReversed.StatusCode);
    }

    [Fact]
    public async Task A_reversed_sale_cannot_be_returned()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id);
        await ReverseAsync(customer.Id, sale.Id, "Cancelled");

        var response = await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("R"), kind: "return", original: sale.TransactionId));

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "originalTransactionId");
    }

    [Fact]
    public async Task A_reversal_needs_a_reason()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(customer.Id);

        var response = await ReverseAsync(customer.Id, sale.Id, " ");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "reason");
        Assert.Null((await fixture.Client.GetFromJsonAsync<Transaction>($"/api/customers/{customer.Id}/transactions/{sale.Id}"))!.ReversedAt);
    }

    [Fact]
    public async Task Another_customers_transaction_is_not_found_through_this_customer()
    {
        var owner = await fixture.RegisterCustomerAsync();
        var other = await fixture.RegisterCustomerAsync();
        var sale = await PostSaleAsync(owner.Id);

        var read = await fixture.Client.GetAsync($"/api/customers/{other.Id}/transactions/{sale.Id}");
        var reverse = await ReverseAsync(other.Id, sale.Id, "Not mine");

        await CustomersServiceFixture.AssertProblemAsync(read, HttpStatusCode.NotFound);
        await CustomersServiceFixture.AssertProblemAsync(reverse, HttpStatusCode.NotFound);
        Assert.Null((await fixture.Client.GetFromJsonAsync<Transaction>($"/api/customers/{owner.Id}/transactions/{sale.Id}"))!.ReversedAt);
    }

    [Fact]
    public async Task Posting_for_an_unknown_customer_is_a_404_problem_and_stores_nothing()
    {
        var before = await fixture.CountRecordsAsync();

        var response = await PostAsync(Guid.CreateVersion7(), Sale(CustomersServiceFixture.NewExternalId("T")));

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task The_list_pages_newest_first_through_every_transaction()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var posted = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            posted.Add((await PostSaleAsync(customer.Id)).Id);
        }

        var first = (await fixture.Client.GetFromJsonAsync<Page<Transaction>>($"/api/customers/{customer.Id}/transactions?limit=3"))!;
        var second = (await fixture.Client.GetFromJsonAsync<Page<Transaction>>($"/api/customers/{customer.Id}/transactions?limit=3&after={first.Next}"))!;

        Assert.Equal(Enumerable.Reverse(posted), first.Items.Concat(second.Items).Select(transaction => transaction.Id));
        Assert.NotNull(first.Next);
        Assert.Null(second.Next);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task A_list_limit_out_of_range_is_a_400_problem(int limit)
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await fixture.Client.GetAsync($"/api/customers/{customer.Id}/transactions?limit={limit}");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "limit");
    }

    [Fact]
    public async Task A_time_within_the_clock_tolerance_is_accepted()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await PostAsync(customer.Id, Sale(CustomersServiceFixture.NewExternalId("T"), occurredAt: DateTimeOffset.UtcNow.AddMinutes(2)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static object Sale(
        string transactionId, decimal quantity = 1, decimal unitPrice = 10m, string kind = "sale", string? original = null, DateTimeOffset? occurredAt = null) => new
    {
        transactionId,
        occurredAt = occurredAt ?? Yesterday,
        channel = "store",
        currency = "EUR",
        kind,
        originalTransactionId = original,
        lines = new[] { new { sku = "SKU-1", category = "books", quantity, unitPrice, discount = 0m, allowance = 0m, unitCost = 4m } },
    };

    private static string SaleBody(string transactionId) => JsonSerializer.Serialize(Sale(transactionId), JsonSerializerOptions.Web);

    private async Task<Transaction> PostSaleAsync(Guid customerId, string? transactionId = null, decimal quantity = 1, decimal unitPrice = 10m)
    {
        var response = await PostAsync(customerId, Sale(transactionId ?? CustomersServiceFixture.NewExternalId("T"), quantity, unitPrice));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Transaction>())!;
    }

    private Task<HttpResponseMessage> PostAsync(Guid customerId, object body) =>
        fixture.Client.PostAsJsonAsync($"/api/customers/{customerId}/transactions", body);

    private Task<HttpResponseMessage> PostRawAsync(Guid customerId, string body) =>
        fixture.Client.PostAsync($"/api/customers/{customerId}/transactions", new StringContent(body, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> ReverseAsync(Guid customerId, Guid transactionId, string reason) =>
        fixture.Client.PostAsJsonAsync($"/api/customers/{customerId}/transactions/{transactionId}/reversal", new { reason });

    private Task<long> CountTransactionsAsync(Guid customerId) =>
        fixture.ScalarAsync<long>("select count(*) from transactions where customer_id = @CustomerId", new { CustomerId = customerId });
}
