using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>Listing a customer's transactions or interactions tells an unknown customer from one with nothing yet.</summary>
public sealed class CustomerHistoryListTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    [Theory]
    [InlineData("transactions")]
    [InlineData("interactions")]
    public async Task Listing_the_history_of_an_unknown_customer_is_a_404_problem(string history)
    {
        var unknown = Guid.CreateVersion7();

        var response = await fixture.Client.GetAsync($"/api/customers/{unknown}/{history}");

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.NotFound);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Customer not found", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains(unknown.ToString(), problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transactions")]
    [InlineData("interactions")]
    public async Task A_known_customer_with_no_history_gets_an_empty_page(string history)
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await fixture.Client.GetAsync($"/api/customers/{customer.Id}/{history}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = (await response.Content.ReadFromJsonAsync<Page<JsonElement>>())!;
        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Paging_past_the_last_transaction_of_a_known_customer_gets_an_empty_page()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var posted = await fixture.Client.PostAsJsonAsync($"/api/customers/{customer.Id}/transactions", new
        {
            transactionId = CustomersServiceFixture.NewExternalId("T"),
            occurredAt = DateTimeOffset.UtcNow.AddHours(-1),
            channel = "store",
            currency = "EUR",
            lines = new[] { new { sku = "SKU-1", category = "books", quantity = 1, unitPrice = 10 } },
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var sale = (await posted.Content.ReadFromJsonAsync<Transaction>())!;

        var first = (await fixture.Client.GetFromJsonAsync<Page<Transaction>>($"/api/customers/{customer.Id}/transactions"))!;
        var past = await fixture.Client.GetAsync($"/api/customers/{customer.Id}/transactions?after={sale.Id}");

        Assert.Equal([sale.Id], first.Items.Select(transaction => transaction.Id));
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Empty((await past.Content.ReadFromJsonAsync<Page<Transaction>>())!.Items);
    }
}
