using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Contracts.Customers;
using Crm.Contracts.Loyalty;
using Crm.Contracts.Profitability;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Crm.Testing;

namespace Crm.Segmentation.Tests;

/// <summary>
/// Membership follows the customers: a saved segment is evaluated over everyone, then each event moves only the
/// customers it concerns, every move logged and announced; erasure takes a customer out of every segment.
/// </summary>
public sealed class MembershipTests(SegmentationFixture fixture) : IClassFixture<SegmentationFixture>
{
    [Fact]
    public async Task Customers_enter_and_leave_as_their_facts_change_and_every_move_is_logged_and_announced()
    {
        var country = $"X{Guid.NewGuid():N}"[..8];
        var valuable = Guid.NewGuid();
        var modest = Guid.NewGuid();
        await fixture.PublishAsync(
            Registered(valuable, country), Registered(modest, country),
            Values(valuable, 900m), Values(modest, 50m));
        await fixture.FactsAsync<CustomerFactsView>(modest, f => f.LifetimeValue == 50m);
        await fixture.FactsAsync<CustomerFactsView>(valuable, f => f.LifetimeValue == 900m);

        var segment = await CreateAsync($$"""{ "all": [ { "field": "country", "op": "eq", "value": "{{country}}" }, { "field": "lifetimeValue", "op": "gte", "value": 500 } ] }""");

        // The new segment is evaluated over every customer in the background.
        await Eventually.ReturnsAsync(() => MembersAsync(segment.Id), members => members.SetEquals([valuable]), because: "for the first evaluation");

        // An event moves only the customers it concerns: the modest customer's value rises, the valuable one's falls.
        await fixture.PublishAsync(Values(modest, 700m), Values(valuable, 100m));
        await Eventually.ReturnsAsync(() => MembersAsync(segment.Id), members => members.SetEquals([modest]), because: "for membership to follow the values");

        var log = (await fixture.Client.GetFromJsonAsync<MembershipPage<MembershipLogEntry>>($"/api/segments/{segment.Id}/changes"))!.Items;
        Assert.Equal(3, log.Count);
        Assert.Equal(
            new HashSet<(Guid, string)> { (valuable, "entered"), (modest, "entered"), (valuable, "left") },
            log.Select(entry => (entry.CustomerId, entry.Change)).ToHashSet());
        Assert.Contains(log, entry => entry.CustomerId == valuable && entry.Change == "left" && entry.Reason == "rule v1 no longer holds");
        Assert.Equal(3, await fixture.ScalarAsync<long>(
            """
            select count(*) from outbox o, json_array_elements(o.payload::json->'changes') c
            where o.message_type like '%SegmentMembershipsChanged%' and c->>'segmentId' = @Id
            """, new { Id = segment.Id.ToString() }));
    }

    [Fact]
    public async Task An_erased_customer_leaves_every_segment_and_their_history_goes()
    {
        var country = $"E{Guid.NewGuid():N}"[..8];
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(Registered(customer, country));
        await fixture.FactsAsync<CustomerFactsView>(customer, _ => true);
        var segment = await CreateAsync($$"""{ "field": "country", "op": "eq", "value": "{{country}}" }""");
        await Eventually.ReturnsAsync(() => MembersAsync(segment.Id), members => members.Contains(customer), because: "for the customer to enter");

        await fixture.PublishAsync(new CustomerErased(Guid.NewGuid(), DateTimeOffset.UtcNow, customer));

        await Eventually.ReturnsAsync(() => MembersAsync(segment.Id), members => members.Count == 0, because: "for the erased customer to leave");
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from membership_changes where customer_id = @customer", new { customer }));
        Assert.Equal(1, await fixture.ScalarAsync<long>(
            """
            select count(*) from outbox o, json_array_elements(o.payload::json->'changes') c
            where o.message_type like '%SegmentMembershipsChanged%' and c->>'customerId' = @Id and c->>'reason' = 'customer erased'
            """, new { Id = customer.ToString() }));
    }

    [Fact]
    public async Task A_loyalty_tier_change_moves_the_customer_into_and_out_of_tier_segments()
    {
        var country = $"T{Guid.NewGuid():N}"[..8];
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(Registered(customer, country));
        await fixture.FactsAsync<CustomerFactsView>(customer, _ => true);
        var gold = await CreateAsync($$"""{ "all": [ { "field": "country", "op": "eq", "value": "{{country}}" }, { "field": "loyaltyTier", "op": "eq", "value": "gold" } ] }""");

        await fixture.PublishAsync(new TierChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, customer, "silver", "gold", "earned 5,000 points"));
        await Eventually.ReturnsAsync(() => MembersAsync(gold.Id), members => members.SetEquals([customer]), because: "for the upgrade to place the customer");
        Assert.Equal("gold", (await fixture.FactsAsync<CustomerFactsView>(customer, f => f.LoyaltyTier is not null)).LoyaltyTier);

        await fixture.PublishAsync(new TierChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, customer, "gold", "silver", "below the gold threshold for 30 days"));
        await Eventually.ReturnsAsync(() => MembersAsync(gold.Id), members => members.Count == 0, because: "for the downgrade to take the customer out");
    }

    private static CustomerRegistered Registered(Guid customerId, string country) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, $"C-{customerId:N}", "Someone", null, Country: country);

    private static CustomerValuesUpdated Values(Guid customerId, decimal lifetimeValue) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(),
            [new CustomerValueUpdated(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, lifetimeValue, 0.9, 2, 10m, "EUR", ChurnRiskBands.Low, 12)]);

    private async Task<HashSet<Guid>> MembersAsync(Guid segmentId) =>
        [.. (await fixture.Client.GetFromJsonAsync<MembershipPage<Guid>>($"/api/segments/{segmentId}/members"))!.Items];

    private async Task<Segment> CreateAsync(string rule)
    {
        var response = await fixture.Client.PostAsync("/api/segments", new StringContent($$"""
            { "name": "Segment {{Guid.NewGuid():N}}", "owner": "Owner", "advisor": "Advisor",
              "strategy": { "serviceLevel": "standard", "preferredChannels": ["email"], "contactPolicy": "monthly", "objective": "grow" },
              "rule": {{rule}} }
            """, Encoding.UTF8, "application/json"));
        return (await response.Content.ReadFromJsonAsync<Segment>(JsonSerializerOptions.Web))!;
    }
}
