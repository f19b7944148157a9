using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

public sealed class RegisterCustomerTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    private const string ProblemJson = "application/problem+json";

    [Fact]
    public async Task A_registered_customer_can_be_read_back()
    {
        var externalId = $"C-{Guid.NewGuid():N}";
        var response = await fixture.Client.PostAsJsonAsync("/api/customers", new { externalId, name = "Ada Lovelace", email = "ada@example.com" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<Customer>();
        Assert.NotNull(created);
        Assert.Equal($"/api/customers/{created.Id}", response.Headers.Location?.ToString());

        var read = await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{created.Id}");
        Assert.NotNull(read);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(externalId, read.ExternalId);
        Assert.Equal("Ada Lovelace", read.Name);
        Assert.Equal("ada@example.com", read.Email);
        Assert.Equal(created.Version, read.Version);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task A_second_registration_with_the_same_external_id_is_a_conflict_and_stores_nothing_more()
    {
        var externalId = $"C-{Guid.NewGuid():N}";
        var first = await fixture.Client.PostAsJsonAsync("/api/customers", new { externalId, name = "First" });
        var customersBefore = await fixture.CountAsync("customers");
        var eventsBefore = await fixture.CountAsync("outbox");

        var second = await fixture.Client.PostAsJsonAsync("/api/customers", new { externalId, name = "Second" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(ProblemJson, second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(customersBefore, await fixture.CountAsync("customers"));
        Assert.Equal(eventsBefore, await fixture.CountAsync("outbox"));
    }

    [Fact]
    public async Task Text_that_looks_like_sql_is_stored_as_plain_text()
    {
        const string name = "Robert'); drop table customers; --";
        var response = await fixture.Client.PostAsJsonAsync("/api/customers", new { externalId = $"C-{Guid.NewGuid():N}", name });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<Customer>();
        var read = await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{created!.Id}");
        Assert.Equal(name, read!.Name);
    }

    [Theory]
    [InlineData("{\"externalId\": \"C-1\", \"name\": ", null)]
    [InlineData("[1, 2, 3]", null)]
    [InlineData("{}", "externalId")]
    [InlineData("{\"externalId\": \"C-2\"}", "name")]
    [InlineData("{\"externalId\": \"\", \"name\": \"Empty id\"}", "externalId")]
    [InlineData("{\"externalId\": \"C-3\", \"name\": \"Bad email\", \"email\": \"not-an-email\"}", "email")]
    [InlineData("{\"externalId\": \"C-4\", \"name\": 42}", null)]
    public async Task Bad_input_gets_a_problem_response_and_stores_nothing(string body, string? invalidField)
    {
        var customersBefore = await fixture.CountAsync("customers");
        var eventsBefore = await fixture.CountAsync("outbox");

        var response = await fixture.Client.PostAsync("/api/customers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        if (invalidField is not null)
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(invalidField, out _),
                $"the problem names the invalid field {invalidField}: {problem.RootElement}");
        }

        Assert.Equal(customersBefore, await fixture.CountAsync("customers"));
        Assert.Equal(eventsBefore, await fixture.CountAsync("outbox"));
    }

    [Theory]
    [InlineData(65, 10, "externalId")]
    [InlineData(10, 201, "name")]
    public async Task Over_long_fields_are_rejected_with_the_field_named(int externalIdLength, int nameLength, string invalidField)
    {
        var customersBefore = await fixture.CountAsync("customers");
        var response = await fixture.Client.PostAsJsonAsync("/api/customers",
            new { externalId = new string('x', externalIdLength), name = new string('n', nameLength) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(invalidField, out _));
        Assert.Equal(customersBefore, await fixture.CountAsync("customers"));
    }

    [Theory]
    [InlineData("/api/customers/6d1f3c2e-0000-4000-8000-000000000000")]
    [InlineData("/api/customers/not-a-customer-id")]
    public async Task An_unknown_customer_is_a_404_problem(string path)
    {
        var response = await fixture.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }
}
