using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>
/// PATCH is a JSON merge patch (RFC 7396) at every depth: the postal address and the attributes merge member by member,
/// a nested null removes a member, and what the patch does not name stays as it was.
/// </summary>
public sealed class MergePatchTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    private static readonly PostalAddress Munich = new("Marienplatz 8", "3rd floor", "München", "80331", "Bavaria", "DE");

    [Fact]
    public async Task Patching_part_of_the_postal_address_keeps_the_other_parts_and_the_result_is_checked_as_a_whole()
    {
        var customer = await RegisterAsync(new { postalAddress = Munich });

        var tooLong = await PatchAsync(customer.Id, $$$"""{"postalAddress": {"city": "{{{new string('c', 101)}}}"}}""", "\"1\"");
        var moved = await PatchAsync(customer.Id, """{"postalAddress": {"city": "Munich", "line2": null}}""", "\"1\"");

        await CustomersServiceFixture.AssertValidationProblemAsync(tooLong, "postalAddress.city");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal(Munich with { City = "Munich", Line2 = null }, read.PostalAddress);
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public async Task Clearing_every_part_of_the_postal_address_leaves_no_address()
    {
        var customer = await RegisterAsync(new { postalAddress = new { line1 = "1 Main St", country = "US" } });

        var response = await PatchAsync(customer.Id, """{"postalAddress": {"line1": null, "country": null}}""", "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Null(read.PostalAddress);
    }

    [Fact]
    public async Task A_part_an_address_does_not_have_is_a_400_problem_and_changes_nothing()
    {
        var customer = await RegisterAsync(new { postalAddress = Munich });

        var response = await PatchAsync(customer.Id, """{"postalAddress": {"zip": "80331"}}""", "\"1\"");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "postalAddress");
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal(Munich, read.PostalAddress);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task Attributes_merge_at_every_depth_and_a_nested_null_removes_the_member()
    {
        var customer = await RegisterAsync(new
        {
            attributes = new { c = new { d = 1, gone = true, f = "text" }, keep = "x", list = new[] { 1, 2 }, flag = true },
        });

        var response = await PatchAsync(customer.Id, """
            {"attributes": {"c": {"e": 2, "gone": null, "f": {"g": null, "h": 3}}, "list": [3], "flag": {"on": true}}}
            """, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        var expected = JsonNode.Parse("""{"c": {"d": 1, "e": 2, "f": {"h": 3}}, "keep": "x", "list": [3], "flag": {"on": true}}""");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(read.Attributes.GetRawText())), read.Attributes.GetRawText());
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public async Task A_patch_repeating_nested_values_changes_nothing_and_announces_nothing()
    {
        var customer = await RegisterAsync(new { postalAddress = Munich, attributes = new { c = new { d = 1, e = "x" } } });
        var before = await fixture.CountRecordsAsync();

        var response = await PatchAsync(customer.Id, """
            {"postalAddress": {"city": "München"}, "attributes": {"c": {"d": 1.0, "absent": null}}}
            """, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(before, await fixture.CountRecordsAsync());
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal(Munich, read.PostalAddress);
        Assert.Equal(1, read.Version);
        Assert.Equal(0, await fixture.CountEventsAsync("CustomerProfileUpdated", customer.Id));
    }

    [Theory]
    [InlineData("""{"name": "\udc00"}""", "name")]
    [InlineData("""{"email": "ada\ud800@example.com"}""", "email")]
    [InlineData("""{"birthDate": "\udc00"}""", "birthDate")]
    [InlineData("""{"attributes": {"x": "\udc00"}}""", "attributes")]
    [InlineData("""{"attributes": {"\udc00": 1}}""", "attributes")]
    [InlineData("""{"attributes": {"c": {"d": ["ok", "\ud800"]}}}""", "attributes")]
    [InlineData("""{"postalAddress": {"city": "\udc00"}}""", "postalAddress")]
    [InlineData("""{"\udc00": "x"}""", "$")]
    public async Task A_patch_with_an_unpaired_surrogate_is_a_400_problem_naming_the_field_and_changes_nothing(string patch, string field)
    {
        var customer = await RegisterAsync(new { attributes = new { c = new { d = 1 } } });
        var before = await fixture.CountRecordsAsync();

        var response = await PatchAsync(customer.Id, patch, "*");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, field);
        Assert.Equal(before, await fixture.CountRecordsAsync());
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal((customer.Name, 1), (read.Name, read.Version));
    }

    private async Task<Customer> RegisterAsync(object fields)
    {
        var body = JsonSerializer.SerializeToNode(fields, JsonSerializerOptions.Web)!.AsObject();
        body["externalId"] = CustomersServiceFixture.NewExternalId();
        body["name"] = "Merged";
        return await fixture.RegisterCustomerAsync(body: body);
    }

    private Task<HttpResponseMessage> PatchAsync(Guid id, string patch, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/customers/{id}")
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return fixture.Client.SendAsync(request);
    }
}
