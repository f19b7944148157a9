using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Crm.Customers.Tests;

/// <summary>
/// Requests the framework cannot bind are answered like the service's own validation problems: the field, and what it
/// takes, in <c>errors</c>, not the framework's words for developers.
/// </summary>
public sealed class BindingProblemTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    [Theory]
    [InlineData("/api/customers?createdFrom=yesterday", "createdFrom", "is not a date and time (ISO 8601, with offset).")]
    [InlineData("/api/customers?limit=ten", "limit", "is not a whole number.")]
    public async Task A_query_value_of_the_wrong_type_names_the_parameter_and_what_it_takes(string path, string field, string message)
    {
        var response = await fixture.Client.GetAsync(path);

        var problem = await ValidationProblemAsync(response);
        Assert.Equal([message], problem.Errors[field]);
        Assert.Null(problem.Detail);
    }

    [Fact]
    public async Task A_post_without_a_body_says_a_json_body_is_required()
    {
        var before = await fixture.CountRecordsAsync();

        var response = await fixture.Client.PostAsync("/api/customers", new StringContent("", Encoding.UTF8, "application/json"));

        var problem = await ValidationProblemAsync(response);
        Assert.Equal(["A JSON body is required."], problem.Errors["$"]);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task A_transaction_or_interaction_without_its_time_is_told_the_time_is_required()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var transaction = await fixture.Client.PostAsJsonAsync($"/api/customers/{customer.Id}/transactions", new
        {
            transactionId = CustomersServiceFixture.NewExternalId("T"),
            channel = "web",
            currency = "EUR",
            lines = new[] { new { sku = "S", category = "C", quantity = 1, unitPrice = 10 } },
        });
        var interaction = await fixture.Client.PostAsJsonAsync($"/api/customers/{customer.Id}/interactions", new
        {
            interactionId = CustomersServiceFixture.NewExternalId("I"),
            channel = "web",
            type = "pageView",
        });

        Assert.Equal(["is required."], (await ValidationProblemAsync(transaction)).Errors["occurredAt"]);
        Assert.Equal(["is required."], (await ValidationProblemAsync(interaction)).Errors["occurredAt"]);
    }

    private static async Task<HttpValidationProblemDetails> ValidationProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
    }
}
