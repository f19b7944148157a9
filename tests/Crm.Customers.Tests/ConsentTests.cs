using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>Consent per channel and purpose: the current state, the audit trail, and the "may I contact?" answer.</summary>
public sealed class ConsentTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    [Fact]
    public async Task Without_any_consent_recorded_a_customer_may_not_be_contacted()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var answer = await MayContactAsync(customer.Id, "email", "marketing");

        Assert.False(answer.Allowed);
        Assert.Null(answer.ChangedAt);
        Assert.Contains("No consent", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_granted_consent_allows_contact_on_that_channel_and_purpose_only()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await RecordAsync(customer.Id, "email", "marketing", new { granted = true, basis = "consent", source = "preference-centre" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = (await response.Content.ReadFromJsonAsync<Consent>())!;
        Assert.True(current.Granted);
        Assert.Equal("consent", current.Basis);
        Assert.Equal("preference-centre", current.Source);
        var allowed = await MayContactAsync(customer.Id, "email", "marketing");
        Assert.True(allowed.Allowed);
        Assert.Equal(current.ChangedAt, allowed.ChangedAt);
        Assert.False((await MayContactAsync(customer.Id, "sms", "marketing")).Allowed);
        Assert.False((await MayContactAsync(customer.Id, "email", "surveys")).Allowed);
    }

    [Fact]
    public async Task A_withdrawal_stops_contact_and_both_changes_stay_in_the_history()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var grantedAt = DateTimeOffset.UtcNow.AddDays(-10);
        var withdrawnAt = DateTimeOffset.UtcNow.AddDays(-1);

        await RecordAsync(customer.Id, "sms", "service", new { granted = true, basis = "contract", source = "checkout", changedAt = grantedAt });
        await RecordAsync(customer.Id, "sms", "service", new { granted = false, basis = "consent", source = "call-centre", changedAt = withdrawnAt });

        var answer = await MayContactAsync(customer.Id, "sms", "service");
        Assert.False(answer.Allowed);
        Assert.Contains("Withdrawn", answer.Reason, StringComparison.Ordinal);
        var record = (await fixture.Client.GetFromJsonAsync<ConsentRecord>($"/api/customers/{customer.Id}/consents"))!;
        var current = Assert.Single(record.Current);
        Assert.False(current.Granted);
        Assert.Equal("call-centre", current.Source);
        Assert.Equal([true, false], record.History.Select(change => change.Granted));
        Assert.Equal(["checkout", "call-centre"], record.History.Select(change => change.Source));
        Assert.All(record.History, change => Assert.True(change.RecordedAt >= change.ChangedAt));
        Assert.Equal(2, await fixture.CountEventsAsync("ConsentChanged", customer.Id));
    }

    [Fact]
    public async Task A_change_reported_late_is_kept_in_the_history_but_does_not_override_the_newer_state()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var withdrawnAt = DateTimeOffset.UtcNow.AddHours(-1);

        await RecordAsync(customer.Id, "email", "marketing", new { granted = false, basis = "consent", source = "unsubscribe-link", changedAt = withdrawnAt });
        var late = await RecordAsync(customer.Id, "email", "marketing",
            new { granted = true, basis = "consent", source = "paper-form", changedAt = withdrawnAt.AddDays(-30) });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var answeredCurrent = (await late.Content.ReadFromJsonAsync<Consent>())!;
        Assert.False(answeredCurrent.Granted);
        Assert.Equal("unsubscribe-link", answeredCurrent.Source);
        Assert.False((await MayContactAsync(customer.Id, "email", "marketing")).Allowed);
        var record = (await fixture.Client.GetFromJsonAsync<ConsentRecord>($"/api/customers/{customer.Id}/consents"))!;
        Assert.Equal(2, record.History.Count);
        Assert.Contains(record.History, change => change.Source == "paper-form" && change.Granted);
        Assert.Equal(1, await fixture.CountEventsAsync("ConsentChanged", customer.Id));
    }

    [Fact]
    public async Task The_time_of_a_change_is_kept_as_the_same_instant_whatever_the_offset_sent()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var changedAt = new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(2));

        var response = await RecordAsync(customer.Id, "postalMail", "surveys", new { granted = true, basis = "legitimateInterest", source = "survey-desk", changedAt });

        var current = (await response.Content.ReadFromJsonAsync<Consent>())!;
        Assert.Equal(changedAt, current.ChangedAt);
        Assert.Equal(changedAt, (await MayContactAsync(customer.Id, "postalMail", "surveys")).ChangedAt);
    }

    [Fact]
    public async Task Consents_of_different_channels_and_purposes_are_independent()
    {
        var customer = await fixture.RegisterCustomerAsync();

        await RecordAsync(customer.Id, "email", "marketing", new { granted = true, basis = "consent", source = "web" });
        await RecordAsync(customer.Id, "push", "service", new { granted = true, basis = "contract", source = "app" });
        await RecordAsync(customer.Id, "phone", "surveys", new { granted = false, basis = "consent", source = "call-centre" });

        var record = (await fixture.Client.GetFromJsonAsync<ConsentRecord>($"/api/customers/{customer.Id}/consents"))!;
        Assert.Equal(3, record.Current.Count);
        Assert.True((await MayContactAsync(customer.Id, "email", "marketing")).Allowed);
        Assert.True((await MayContactAsync(customer.Id, "push", "service")).Allowed);
        Assert.False((await MayContactAsync(customer.Id, "phone", "surveys")).Allowed);
    }

    [Fact]
    public async Task A_rejected_change_records_nothing_and_announces_nothing()
    {
        var customer = await fixture.RegisterCustomerAsync();
        await RecordAsync(customer.Id, "email", "marketing", new { granted = true, basis = "consent", source = "web" });

        var rejected = await RecordAsync(customer.Id, "email", "marketing", new { granted = false, basis = "whim", source = "web" });

        await CustomersServiceFixture.AssertValidationProblemAsync(rejected, "basis");
        Assert.True((await MayContactAsync(customer.Id, "email", "marketing")).Allowed);
        var record = (await fixture.Client.GetFromJsonAsync<ConsentRecord>($"/api/customers/{customer.Id}/consents"))!;
        Assert.Single(record.History);
        Assert.Equal(1, await fixture.CountEventsAsync("ConsentChanged", customer.Id));
    }

    [Theory]
    [InlineData("fax", "marketing", "channel")]
    [InlineData("email", "spam", "purpose")]
    public async Task Asking_about_an_unknown_channel_or_purpose_is_a_400_problem(string channel, string purpose, string field)
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await fixture.Client.GetAsync($"/api/customers/{customer.Id}/consents/{channel}/{purpose}");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Consent_of_an_unknown_customer_is_a_404_problem_everywhere()
    {
        var nobody = Guid.CreateVersion7();
        var before = await fixture.CountRecordsAsync();

        var record = await RecordAsync(nobody, "email", "marketing", new { granted = true, basis = "consent", source = "web" });
        var list = await fixture.Client.GetAsync($"/api/customers/{nobody}/consents");
        var ask = await fixture.Client.GetAsync($"/api/customers/{nobody}/consents/email/marketing");

        await CustomersServiceFixture.AssertProblemAsync(record, HttpStatusCode.NotFound);
        await CustomersServiceFixture.AssertProblemAsync(list, HttpStatusCode.NotFound);
        await CustomersServiceFixture.AssertProblemAsync(ask, HttpStatusCode.NotFound);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task The_same_change_sent_again_is_recorded_and_announced_once()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var change = new { granted = true, basis = "consent", source = "preference-centre", changedAt = DateTimeOffset.UtcNow.AddMinutes(-5) };

        var responses = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            responses.Add(await RecordAsync(customer.Id, "email", "marketing", change));
        }

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var answers = await Task.WhenAll(responses.Select(response => response.Content.ReadFromJsonAsync<Consent>()));
        Assert.Single(answers.Distinct());
        var record = (await fixture.Client.GetFromJsonAsync<ConsentRecord>($"/api/customers/{customer.Id}/consents"))!;
        Assert.Single(record.History);
        Assert.Equal(1, await fixture.CountEventsAsync("ConsentChanged", customer.Id));
    }

    [Fact]
    public async Task Consent_changes_racing_an_erasure_are_either_in_before_it_or_refused()
    {
        for (var round = 0; round < 5; round++)
        {
            var customer = await fixture.RegisterCustomerAsync();
            var changes = Enumerable.Range(0, 12).Select(minute => RecordAsync(customer.Id, "email", "marketing",
                new { granted = minute % 2 == 0, basis = "consent", source = $"desk-{minute}", changedAt = DateTimeOffset.UtcNow.AddMinutes(minute - 20) }));
            var erasing = fixture.Client.PostAsync($"/api/customers/{customer.Id}/erasure", null);

            var answers = await Task.WhenAll(changes);
            var erasure = (await (await erasing).Content.ReadFromJsonAsync<Erasure>())!;

            Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            var record = (await fixture.Client.GetFromJsonAsync<ConsentRecord>($"/api/customers/{customer.Id}/consents"))!;
            Assert.Empty(record.Current);
            Assert.Equal(answers.Count(answer => answer.StatusCode == HttpStatusCode.OK), record.History.Count);
            Assert.All(record.History, change => Assert.True(change.RecordedAt <= erasure.ErasedAt));
            Assert.False((await MayContactAsync(customer.Id, "email", "marketing")).Allowed);
        }
    }

    private Task<HttpResponseMessage> RecordAsync(Guid customerId, string channel, string purpose, object change) =>
        fixture.Client.PutAsJsonAsync($"/api/customers/{customerId}/consents/{channel}/{purpose}", change);

    private async Task<ContactPermission> MayContactAsync(Guid customerId, string channel, string purpose)
    {
        var response = await fixture.Client.GetAsync($"/api/customers/{customerId}/consents/{channel}/{purpose}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<ContactPermission>())!;
        Assert.Equal(customerId, answer.CustomerId);
        return answer;
    }
}
