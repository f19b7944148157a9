using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Gateway.Tests;

public sealed class ApiDocumentationTests
{
    [Fact]
    public async Task Each_services_document_is_served_with_the_gateway_as_its_server()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1, ["loyalty"] = 1 });

        foreach (var service in new[] { "customers", "loyalty" })
        {
            var document = await bed.Client.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

            Assert.Equal($"{service} API", document.GetProperty("info").GetProperty("title").GetString());
            Assert.True(document.GetProperty("paths").TryGetProperty($"/api/{service}/ping", out _));
            var server = Assert.Single(document.GetProperty("servers").EnumerateArray());
            Assert.Equal(bed.Address.ToString().TrimEnd('/'), server.GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task A_service_that_is_down_leaves_the_other_documents_and_the_ui_working()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, unreachable: ["loyalty"]);

        var down = await bed.Client.GetAsync("/openapi/loyalty.json");
        var up = await bed.Client.GetAsync("/openapi/customers.json");
        var page = await bed.Client.GetAsync("/scalar");

        await ProblemAssert.IsProblemAsync(down, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/customers.json", html);
        Assert.DoesNotContain("openapi/loyalty.json", html);
    }

    [Fact]
    public async Task A_document_of_no_configured_service_is_a_404_problem_and_the_gateway_has_no_document_of_its_own()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        foreach (var name in new[] { "campaigns", "v1", "nothing" })
        {
            var problem = await ProblemAssert.IsProblemAsync(await bed.Client.GetAsync($"/openapi/{name}.json"), HttpStatusCode.NotFound);

            Assert.Equal($"No OpenAPI document is named '{name}'. Documents: /openapi/customers.json.", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task The_interactive_reference_lists_every_available_service_document()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1, ["segmentation"] = 1, ["feedback"] = 1 });

        var page = await bed.Client.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        foreach (var service in new[] { "customers", "segmentation", "feedback" })
        {
            // Scalar lists documents relative to the page, so the UI also works under a path base.
            Assert.Contains($"\"url\":\"openapi/{service}.json\"", html);
        }
    }
}
