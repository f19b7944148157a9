using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Contracts.Customers;
using Crm.Contracts.Profitability;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Model;
using Crm.Testing;

namespace Crm.Segmentation.Tests.Portraits;

/// <summary>Seeds customers through the events the service follows and saves segments through its API, as a user would.</summary>
internal static class PortraitSeeding
{
    // Mid-morning of today (UTC), so an hour later is still the same calendar day whenever the tests run.
    public static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date.AddHours(10), TimeSpan.Zero);

    public static CustomerRegistered Registered(Guid customerId, string? country = null, string? source = null, DateOnly? since = null) =>
        new(Guid.NewGuid(), Today, customerId, $"C-{customerId:N}", "Someone", null, since, country, source);

    public static CustomersRegistered Imported(IEnumerable<CustomerRegistered> customers) =>
        new(Guid.NewGuid(), Today, Guid.NewGuid(), [.. customers]);

    public static CustomerValueUpdated Valued(
        Guid customerId, decimal lifetimeValue, decimal profit, double probabilityAlive = 0.8, string churnRisk = ChurnRiskBands.Low) =>
        new(Guid.NewGuid(), Today, customerId, lifetimeValue, probabilityAlive, 1.5, profit, "EUR", churnRisk, 12);

    public static CustomerValuesUpdated Values(IEnumerable<CustomerValueUpdated> values) => new(Guid.NewGuid(), Today, Guid.NewGuid(), [.. values]);

    public static RecordedTransaction Sale(Guid customerId, int daysAgo, decimal amount, string channel = "web") =>
        Transaction(customerId, daysAgo, amount, channel, TransactionKinds.Sale);

    public static RecordedTransaction Return(Guid customerId, int daysAgo, decimal amount, string channel) =>
        Transaction(customerId, daysAgo, amount, channel, TransactionKinds.Return);

    public static TransactionsRecorded Transactions(IEnumerable<RecordedTransaction> transactions) => new(Guid.NewGuid(), Today, null, [.. transactions]);

    public static async Task<Segment> SaveSegmentAsync(this SegmentationFixture fixture, string name, string rule)
    {
        var response = await fixture.Client.PostAsync("/api/segments", new StringContent($$"""
            { "name": "{{name}} {{Guid.NewGuid():N}}", "owner": "Owner", "advisor": "Advisor",
              "strategy": { "serviceLevel": "standard", "preferredChannels": ["email"], "contactPolicy": "monthly", "objective": "grow" },
              "rule": {{rule}} }
            """, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Segment>(JsonSerializerOptions.Web))!;
    }

    /// <summary>Waits until the segment's background evaluation has put exactly <paramref name="count"/> customers in it.</summary>
    public static Task WaitForMembersAsync(this SegmentationFixture fixture, Guid segmentId, int count) => Eventually.ReturnsAsync(
        async () => (await fixture.Client.GetFromJsonAsync<MembershipPage<Guid>>($"/api/segments/{segmentId}/members?limit=1000"))!.Items.Count,
        members => members == count, because: $"for segment {segmentId} to have {count} members");

    /// <summary>Waits until the service has consumed every one of <paramref name="eventIds"/>.</summary>
    public static Task WaitForConsumedAsync(this SegmentationFixture fixture, params Guid[] eventIds) => Eventually.ReturnsAsync(
        () => fixture.ScalarAsync<long>("select count(distinct message_id) from inbox where message_id = any(@Ids)", new { Ids = eventIds }),
        consumed => consumed == eventIds.Length, because: "for the events to be consumed");

    private static RecordedTransaction Transaction(Guid customerId, int daysAgo, decimal amount, string channel, string kind) =>
        new(Guid.NewGuid(), $"T-{Guid.NewGuid():N}", customerId, Today.AddDays(-daysAgo), channel, "EUR", kind, null, amount, 0, 0, amount, amount / 2, []);
}
