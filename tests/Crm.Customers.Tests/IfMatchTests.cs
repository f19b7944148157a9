using System.Net;
using System.Net.Http.Json;
using System.Text;
using Crm.Customers.Apis;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>If-Match as RFC 9110 defines it: any tag of a list may match, by strong comparison.</summary>
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
