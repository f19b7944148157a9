using System.Net;
using System.Net.Http.Json;
using System.Text;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>Interactions: recorded once per business id, listed newest first, announced.</summary>
public sealed class InteractionTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    private static readonly DateTimeOffset AnHourAgo = new(DateTime.UtcNow.AddHours(-1).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task An_interaction_is_recorded_with_its_cost_and_listed()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var interactionId = CustomersServiceFixture.NewExternalId("I");

        var response = await PostAsync(customer.Id, new
        {
            interactionId, occurredAt = AnHourAgo, channel = "phone", type = "call", costToServe = 4.1234m, currency = "GBP",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = (await response.Content.ReadFromJsonAsync<Interaction>())!;
        Assert.Equal(interactionId, recorded.InteractionId);
        Assert.Equal(customer.Id, recorded.CustomerId);
        Assert.Equal(AnHourAgo, recorded.OccurredAt);
        Assert.Equal("phone", recorded.Channel);
        Assert.Equal("call", recorded.Type);
        Assert.Equal(4.1234m, recorded.CostToServe);
        Assert.Equal("GBP", recorded.Currency);
        var list = (await fixture.Client.GetFromJsonAsync<Page<Interaction>>($"/api/customers/{customer.Id}/interactions"))!;
        Assert.Equal(recorded.Id, Assert.Single(list.Items).Id);
        Assert.Equal(1, await fixture.CountEventsAsync("InteractionsRecorded", customer.Id));
    }

    [Fact]
    public async Task An_interaction_without_a_cost_needs_no_currency()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await PostAsync(customer.Id, PageView(CustomersServiceFixture.NewExternalId("I")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = (await response.Content.ReadFromJsonAsync<Interaction>())!;
        Assert.Null(recorded.CostToServe);
        Assert.Null(recorded.Currency);
    }

    [Fact]
    public async Task Posting_the_same_interaction_twice_records_it_once_and_answers_the_same()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var body = PageView(CustomersServiceFixture.NewExternalId("I"));

        var first = await PostAsync(customer.Id, body);
        var second = await PostAsync(customer.Id, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountInteractionsAsync(customer.Id));
        Assert.Equal(1, await fixture.CountEventsAsync("InteractionsRecorded", customer.Id));
    }

    [Fact]
    public async Task A_retry_with_a_time_finer_than_a_microsecond_is_still_the_same_interaction()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var body = $$"""
            {"interactionId": "{{CustomersServiceFixture.NewExternalId("I")}}", "occurredAt": "2024-06-01T12:00:00.1234567Z",
             "channel": "web", "type": "click", "costToServe": 0.5, "currency": "EUR"}
            """;

        var first = await PostRawAsync(customer.Id, body);
        var retry = await PostRawAsync(customer.Id, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, await CountInteractionsAsync(customer.Id));
    }

    [Fact]
    public async Task A_retry_writing_the_same_values_differently_is_still_the_same_interaction()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var interactionId = CustomersServiceFixture.NewExternalId("I");

        var first = await PostRawAsync(customer.Id, $$"""
            {"interactionId": "{{interactionId}}", "occurredAt": "2024-06-01T12:00:00Z", "channel": "store", "type": "storeVisit", "costToServe": 2.5, "currency": "EUR"}
            """);
        var retry = await PostRawAsync(customer.Id, $$"""
            {"interactionId": "{{interactionId}}", "occurredAt": "2024-06-01T13:00:00+01:00", "channel": "store", "type": "storeVisit", "costToServe": 2.5000, "currency": "EUR"}
            """);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, await CountInteractionsAsync(customer.Id));
    }

    [Fact]
    public async Task Reusing_an_interaction_id_for_different_content_is_a_409_and_keeps_the_first()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var interactionId = CustomersServiceFixture.NewExternalId("I");
        await PostAsync(customer.Id, PageView(interactionId));
        var before = await fixture.CountRecordsAsync();

        var reused = await PostAsync(customer.Id, new { interactionId, occurredAt = AnHourAgo, channel = "app", type = "chat" });

        await CustomersServiceFixture.AssertProblemAsync(reused, HttpStatusCode.Conflict);
        Assert.Equal(before, await fixture.CountRecordsAsync());
        var kept = Assert.Single((await fixture.Client.GetFromJsonAsync<Page<Interaction>>($"/api/customers/{customer.Id}/interactions"))!.Items);
        Assert.Equal("pageView", kept.Type);
    }

    [Fact]
    public async Task Another_customer_cannot_post_under_an_interaction_id_already_used()
    {
        var owner = await fixture.RegisterCustomerAsync();
        var other = await fixture.RegisterCustomerAsync();
        var body = PageView(CustomersServiceFixture.NewExternalId("I"));
        await PostAsync(owner.Id, body);

        var response = await PostAsync(other.Id, body);

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(0, await CountInteractionsAsync(other.Id));
    }

    [Fact]
    public async Task Posting_for_an_unknown_customer_is_a_404_problem_and_stores_nothing()
    {
        var before = await fixture.CountRecordsAsync();

        var response = await PostAsync(Guid.CreateVersion7(), PageView(CustomersServiceFixture.NewExternalId("I")));

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task The_list_pages_newest_first_through_every_interaction()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var posted = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var response = await PostAsync(customer.Id, PageView(CustomersServiceFixture.NewExternalId("I")));
            posted.Add((await response.Content.ReadFromJsonAsync<Interaction>())!.Id);
        }

        var first = (await fixture.Client.GetFromJsonAsync<Page<Interaction>>($"/api/customers/{customer.Id}/interactions?limit=2"))!;
        var second = (await fixture.Client.GetFromJsonAsync<Page<Interaction>>($"/api/customers/{customer.Id}/interactions?limit=2&after={first.Next}"))!;

        Assert.Equal(Enumerable.Reverse(posted), first.Items.Concat(second.Items).Select(interaction => interaction.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task A_list_limit_out_of_range_is_a_400_problem()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await fixture.Client.GetAsync($"/api/customers/{customer.Id}/interactions?limit=500");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "limit");
    }

    private static object PageView(string interactionId) => new { interactionId, occurredAt = AnHourAgo, channel = "web", type = "pageView" };

    private Task<HttpResponseMessage> PostAsync(Guid customerId, object body) =>
        fixture.Client.PostAsJsonAsync($"/api/customers/{customerId}/interactions", body);

    private Task<HttpResponseMessage> PostRawAsync(Guid customerId, string body) =>
        fixture.Client.PostAsync($"/api/customers/{customerId}/interactions", new StringContent(body, Encoding.UTF8, "application/json"));

    private Task<long> CountInteractionsAsync(Guid customerId) =>
        fixture.ScalarAsync<long>("select count(*) from interactions where customer_id = @CustomerId", new { CustomerId = customerId });
}
