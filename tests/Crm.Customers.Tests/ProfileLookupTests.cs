using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>Finding a profile again: by an external id of any form, with the version to change it, and search filters that mean one thing.</summary>
public sealed class ProfileLookupTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    [Fact]
    public async Task A_registration_answers_the_etag_a_read_would_give()
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/customers", new { externalId = CustomersServiceFixture.NewExternalId(), name = "New" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<Customer>())!;
        var read = await fixture.Client.GetAsync($"/api/customers/{created.Id}");
        Assert.Equal(read.Headers.ETag, response.Headers.ETag);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_external_id_with_a_slash_or_other_escaped_characters_is_found_by_it()
    {
        var externalId = $"U 10/{Guid.NewGuid():N}?y=1#z";
        var customer = await fixture.RegisterCustomerAsync(body: new { externalId, name = "Slashed" });

        var found = await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/by-external-id/{Uri.EscapeDataString(externalId)}");

        Assert.Equal((customer.Id, externalId), (found!.Id, found.ExternalId));
    }

    [Theory]
    [InlineData("attribute=tier:gold&attribute=tier:silver", "attribute")]
    [InlineData("createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "createdFrom")]
    public async Task A_search_whose_filters_contradict_each_other_is_a_400_problem(string query, string field)
    {
        var response = await fixture.Client.GetAsync($"/api/customers?{query}");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, field);
    }
}
