using System.Net;
using System.Net.Http.Json;
using System.Text;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>The data subject's rights: an export of everything held, and erasure.</summary>
public sealed class PrivacyTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    private static readonly DateTimeOffset Yesterday = DateTimeOffset.UtcNow.AddDays(-1);

    [Fact]
    public async Task The_export_holds_the_profile_consents_transactions_and_interactions()
    {
        var customer = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = "Exported Person",
            email = "exported@example.com",
            attributes = new { tier = "gold" },
        });
        var transactionId = await RecordHistoryAsync(customer.Id);

        var response = await fixture.Client.GetAsync($"/api/customers/{customer.Id}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = (await response.Content.ReadFromJsonAsync<CustomerExport>())!;
        Assert.True(export.ExportedAt >= customer.CreatedAt);
        Assert.Equal(customer.Id, export.Customer.Id);
        Assert.Equal("Exported Person", export.Customer.Name);
        Assert.Equal("exported@example.com", export.Customer.Email);
        Assert.Equal("gold", export.Customer.Attributes.GetProperty("tier").GetString());
        Assert.Equal("email", Assert.Single(export.Consents.Current).Channel);
        Assert.Single(export.Consents.History);
        Assert.Equal(transactionId, Assert.Single(export.Transactions).TransactionId);
        Assert.Equal(2, export.Interactions.Count);
    }

    [Fact]
    public async Task Exporting_or_erasing_an_unknown_customer_is_a_404_problem()
    {
        var nobody = Guid.CreateVersion7();
        var before = await fixture.CountRecordsAsync();

        var export = await fixture.Client.GetAsync($"/api/customers/{nobody}/export");
        var erasure = await fixture.Client.PostAsync($"/api/customers/{nobody}/erasure", null);

        await CustomersServiceFixture.AssertProblemAsync(export, HttpStatusCode.NotFound);
        await CustomersServiceFixture.AssertProblemAsync(erasure, HttpStatusCode.NotFound);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task An_erased_customer_keeps_no_personal_data()
    {
        var externalId = CustomersServiceFixture.NewExternalId();
        var customer = await fixture.RegisterCustomerAsync(body: new
        {
            externalId,
            name = "Forget Me",
            email = "forget.me@example.com",
            phone = "+49 30 1234567",
            postalAddress = new { line1 = "1 Secret Lane", city = "Berlin", country = "DE" },
            birthDate = "1980-01-01",
            householdSize = 3,
            region = "Berlin",
            acquisitionNote = "My neighbour told me",
            attributes = new { shoeSize = 44 },
        });

        var response = await fixture.Client.PostAsync($"/api/customers/{customer.Id}/erasure", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var erasure = (await response.Content.ReadFromJsonAsync<Erasure>())!;
        Assert.Equal(customer.Id, erasure.CustomerId);
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal("Erased customer", read.Name);
        Assert.Null(read.Email);
        Assert.Null(read.Phone);
        Assert.Null(read.PostalAddress);
        Assert.Null(read.BirthDate);
        Assert.Null(read.HouseholdSize);
        Assert.Null(read.Region);
        Assert.Null(read.AcquisitionNote);
        Assert.Empty(read.Attributes.EnumerateObject());
        Assert.NotEqual(externalId, read.ExternalId);
        Assert.Equal(erasure.ErasedAt, read.ErasedAt);
        await CustomersServiceFixture.AssertProblemAsync(
            await fixture.Client.GetAsync($"/api/customers/by-external-id/{externalId}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select count(*) from customers where name = 'Forget Me' or email = 'forget.me@example.com' or external_id = @ExternalId",
            new { ExternalId = externalId }));
    }

    [Fact]
    public async Task Erasing_twice_answers_the_first_erasure_and_announces_it_once()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var first = (await (await fixture.Client.PostAsync($"/api/customers/{customer.Id}/erasure", null)).Content.ReadFromJsonAsync<Erasure>())!;
        var secondResponse = await fixture.Client.PostAsync($"/api/customers/{customer.Id}/erasure", null);

        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        var second = (await secondResponse.Content.ReadFromJsonAsync<Erasure>())!;
        Assert.Equal(first.ErasedAt, second.ErasedAt);
        Assert.Equal(1, await fixture.CountEventsAsync("CustomerErased", customer.Id));
    }

    [Fact]
    public async Task An_erased_customer_may_not_be_contacted_even_after_consenting()
    {
        var customer = await fixture.RegisterCustomerAsync();
        await fixture.Client.PutAsJsonAsync($"/api/customers/{customer.Id}/consents/email/marketing", new { granted = true, basis = "consent", source = "web" });

        await fixture.Client.PostAsync($"/api/customers/{customer.Id}/erasure", null);

        var answer = (await fixture.Client.GetFromJsonAsync<ContactPermission>($"/api/customers/{customer.Id}/consents/email/marketing"))!;
        Assert.False(answer.Allowed);
        var record = (await fixture.Client.GetFromJsonAsync<ConsentRecord>($"/api/customers/{customer.Id}/consents"))!;
        Assert.Empty(record.Current);
        Assert.Single(record.History);
    }

    [Fact]
    public async Task Nothing_more_can_be_recorded_about_an_erased_customer()
    {
        var customer = await fixture.RegisterCustomerAsync();
        await fixture.Client.PostAsync($"/api/customers/{customer.Id}/erasure", null);
        var before = await fixture.CountRecordsAsync();

        var transaction = await fixture.Client.PostAsJsonAsync($"/api/customers/{customer.Id}/transactions", new
        {
            transactionId = CustomersServiceFixture.NewExternalId("T"),
            occurredAt = Yesterday,
            channel = "store",
            currency = "EUR",
            lines = new[] { new { sku = "S", category = "C", quantity = 1, unitPrice = 5m } },
        });
        var interaction = await fixture.Client.PostAsJsonAsync($"/api/customers/{customer.Id}/interactions",
            new { interactionId = CustomersServiceFixture.NewExternalId("I"), occurredAt = Yesterday, channel = "web", type = "pageView" });
        var consent = await fixture.Client.PutAsJsonAsync($"/api/customers/{customer.Id}/consents/sms/service",
            new { granted = true, basis = "contract", source = "web" });
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/customers/{customer.Id}")
        {
            Content = new StringContent("""{"name": "Back again"}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "*");
        var patched = await fixture.Client.SendAsync(patch);

        await CustomersServiceFixture.AssertProblemAsync(transaction, HttpStatusCode.Conflict);
        await CustomersServiceFixture.AssertProblemAsync(interaction, HttpStatusCode.Conflict);
        await CustomersServiceFixture.AssertProblemAsync(consent, HttpStatusCode.Conflict);
        await CustomersServiceFixture.AssertProblemAsync(patched, HttpStatusCode.Conflict);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task Erasure_removes_interactions_and_keeps_transactions_anonymously()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var transactionId = await RecordHistoryAsync(customer.Id);

        await fixture.Client.PostAsync($"/api/customers/{customer.Id}/erasure", null);

        var interactions = (await fixture.Client.GetFromJsonAsync<Page<Interaction>>($"/api/customers/{customer.Id}/interactions"))!;
        var transactions = (await fixture.Client.GetFromJsonAsync<Page<Transaction>>($"/api/customers/{customer.Id}/transactions"))!;
        var export = (await fixture.Client.GetFromJsonAsync<CustomerExport>($"/api/customers/{customer.Id}/export"))!;
        Assert.Empty(interactions.Items);
        Assert.Equal(transactionId, Assert.Single(transactions.Items).TransactionId);
        Assert.Equal("Erased customer", export.Customer.Name);
        Assert.Empty(export.Interactions);
        Assert.Single(export.Transactions);
    }

    [Fact]
    public async Task An_erased_customer_no_longer_turns_up_in_search()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var customer = await fixture.RegisterCustomerAsync($"Searchable {token}");

        await fixture.Client.PostAsync($"/api/customers/{customer.Id}/erasure", null);

        var page = (await fixture.Client.GetFromJsonAsync<Page<Customer>>($"/api/customers?q={token}"))!;
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task The_external_id_of_an_erased_customer_is_free_for_a_new_registration()
    {
        var externalId = CustomersServiceFixture.NewExternalId();
        var erased = await fixture.RegisterCustomerAsync(body: new { externalId, name = "First life" });
        await fixture.Client.PostAsync($"/api/customers/{erased.Id}/erasure", null);

        var again = await fixture.Client.PostAsJsonAsync("/api/customers", new { externalId, name = "Second life" });

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(erased.Id, (await again.Content.ReadFromJsonAsync<Customer>())!.Id);
    }

    /// <summary>One consent, one sale and two interactions; returns the sale's transaction id.</summary>
    private async Task<string> RecordHistoryAsync(Guid customerId)
    {
        var transactionId = CustomersServiceFixture.NewExternalId("T");
        var responses = new[]
        {
            await fixture.Client.PutAsJsonAsync($"/api/customers/{customerId}/consents/email/marketing",
                new { granted = true, basis = "consent", source = "web" }),
            await fixture.Client.PostAsJsonAsync($"/api/customers/{customerId}/transactions", new
            {
                transactionId,
                occurredAt = Yesterday,
                channel = "web",
                currency = "EUR",
                lines = new[] { new { sku = "S", category = "C", quantity = 2, unitPrice = 7.5m } },
            }),
            await fixture.Client.PostAsJsonAsync($"/api/customers/{customerId}/interactions",
                new { interactionId = CustomersServiceFixture.NewExternalId("I"), occurredAt = Yesterday, channel = "web", type = "pageView" }),
            await fixture.Client.PostAsJsonAsync($"/api/customers/{customerId}/interactions",
                new { interactionId = CustomersServiceFixture.NewExternalId("I"), occurredAt = Yesterday, channel = "email", type = "emailOpened" }),
        };
        Assert.All(responses, response => Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString()));
        return transactionId;
    }
}
