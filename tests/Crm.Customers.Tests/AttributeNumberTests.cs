using System.Net;
using System.Net.Http.Json;
using System.Text;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>
/// jsonb stores an attribute's number as PostgreSQL numeric: one that does not fit a decimal is a 400 problem naming
/// <c>attributes</c> and the number's place, by registration and by patch alike, rather than a 500 from a refused
/// insert or 15 bytes of JSON stored as a number of 100 KB.
/// </summary>
public sealed class AttributeNumberTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    public static TheoryData<string, string> Unstorable => new()
    {
        { """{"big": 1e200000}""", "attributes.big" },
        { """{"tiny": 1e-20000}""", "attributes.tiny" },
        { """{"wide": 1e100000}""", "attributes.wide" },
        { """{"zero": 0e-5000}""", "attributes.zero" },
        { """{"tier": "gold", "deep": {"list": [1, {"n": -1E+99999}]}}""", "attributes.deep.list[1].n" },
    };

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task Registering_with_an_attribute_number_jsonb_cannot_hold_is_a_400_problem_and_stores_nothing(string attributes, string path)
    {
        var before = await fixture.CountRecordsAsync();

        var response = await RegisterAsync(attributes);

        var problem = await CustomersServiceFixture.AssertValidationProblemAsync(response, "attributes");
        Assert.Contains(path, problem.GetProperty("errors").GetProperty("attributes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task Patching_in_an_attribute_number_jsonb_cannot_hold_is_a_400_problem_and_changes_nothing(string attributes, string path)
    {
        var customer = await fixture.RegisterCustomerAsync("Kept as is");
        var before = await fixture.CountRecordsAsync();

        var response = await PatchAsync(customer.Id, $$"""{"attributes": {{attributes}}}""");

        var problem = await CustomersServiceFixture.AssertValidationProblemAsync(response, "attributes");
        Assert.Contains(path, problem.GetProperty("errors").GetProperty("attributes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.CountRecordsAsync());
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal(1, read.Version);
        Assert.Empty(read.Attributes.EnumerateObject());
    }

    [Fact]
    public async Task Numbers_at_the_edges_of_a_decimal_are_stored_and_those_just_past_them_refused()
    {
        var stored = await RegisterAsync("""{"most": 79228162514264337593543950335, "least": -1e-28, "none": -0.0e3, "spelt": 2.5E+3}""");
        var tooBig = await RegisterAsync("""{"most": 79228162514264337593543950336}""");
        var tooSmall = await RegisterAsync("""{"least": -1e-29}""");

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var customer = (await stored.Content.ReadFromJsonAsync<Customer>())!;
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal(decimal.MaxValue, read.Attributes.GetProperty("most").GetDecimal());
        Assert.Equal(-0.0000000000000000000000000001m, read.Attributes.GetProperty("least").GetDecimal());
        Assert.Equal(0m, read.Attributes.GetProperty("none").GetDecimal());
        Assert.Equal(2500m, read.Attributes.GetProperty("spelt").GetDecimal());
        await CustomersServiceFixture.AssertValidationProblemAsync(tooBig, "attributes");
        await CustomersServiceFixture.AssertValidationProblemAsync(tooSmall, "attributes");
    }

    private Task<HttpResponseMessage> RegisterAsync(string attributes) => fixture.Client.PostAsync("/api/customers", new StringContent(
        $$"""{"externalId": "{{CustomersServiceFixture.NewExternalId()}}", "name": "Counted", "attributes": {{attributes}}}""",
        Encoding.UTF8,
        "application/json"));

    private Task<HttpResponseMessage> PatchAsync(Guid id, string patch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/customers/{id}")
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        return fixture.Client.SendAsync(request);
    }
}
