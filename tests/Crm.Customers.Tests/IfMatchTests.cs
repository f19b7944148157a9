using System.Net;
using System.Net.Http.Json;
using System.Text;
using Crm.ServiceDefaults;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>
/// Conditional requests as RFC 9110 defines them: If-Match with any tag of a list matching by strong comparison, and
/// If-None-Match on reads by weak comparison.
/// </summary>
public sealed class IfMatchTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    [Theory]
    [InlineData("\"2\"", true)]
    [InlineData("*", true)]
    [InlineData(" * ", true)]
    [InlineData("\"1\", \"2\"", true)]
    [InlineData("\"1\",\"2\",\"3\"", true)]
    [InlineData("\"a,b\", \"2\"", true)]
    [InlineData("\"1\"", false)]
    [InlineData("W/\"2\"", false)]
    [InlineData("\"1\", W/\"2\"", false)]
    [InlineData("2", false)]
    [InlineData("\"2, \"1\"", false)]
    [InlineData("", false)]
    public void The_condition_holds_when_one_listed_tag_is_the_current_one(string header, bool holds) =>
        Assert.Equal(holds, IfMatch.Holds(header, "\"2\""));

    [Fact]
    public async Task A_patch_whose_if_match_lists_the_current_version_among_others_is_applied()
    {
        var customer = await fixture.RegisterCustomerAsync("Listed");

        var listed = await PatchAsync(customer.Id, """{"name": "One header"}""", "\"7\", \"1\"");
        var twoHeaders = await PatchAsync(customer.Id, """{"name": "Two headers"}""", "\"1\"", "\"2\"");
        var weak = await PatchAsync(customer.Id, """{"name": "Weak"}""", "W/\"3\"");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twoHeaders.StatusCode);
        await CustomersServiceFixture.AssertProblemAsync(weak, HttpStatusCode.PreconditionFailed);
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal(("Two headers", 3), (read.Name, read.Version));
    }

    [Fact]
    public async Task A_read_with_the_current_version_in_if_none_match_is_a_304_without_a_body()
    {
        var customer = await fixture.RegisterCustomerAsync("Cached");

        var current = await GetAsync($"/api/customers/{customer.Id}", "W/\"1\"");
        var byExternalId = await GetAsync($"/api/customers/by-external-id/{customer.ExternalId}", "\"9\", \"1\"");
        var stale = await GetAsync($"/api/customers/{customer.Id}", "\"0\"");

        Assert.Equal((HttpStatusCode.NotModified, "\"1\""), (current.StatusCode, current.Headers.ETag?.Tag));
        Assert.Empty(await current.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, byExternalId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("Cached", (await stale.Content.ReadFromJsonAsync<Customer>())!.Name);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await fixture.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PatchAsync(Guid id, string patch, params string[] ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/customers/{id}")
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await fixture.Client.SendAsync(request);
    }
}
