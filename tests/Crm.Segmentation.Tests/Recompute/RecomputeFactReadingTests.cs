using System.Data;
using System.Text.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Segmentation.Data;
using Crm.Segmentation.Model.Rules;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Segmentation.Tests.Recompute;

/// <summary>
/// The recompute reads the whole population in one scan rather than customer by customer as events are handled;
/// a rule must see the same facts either way, or the job and incremental maintenance would disagree on membership.
/// </summary>
public sealed class RecomputeFactReadingTests(RecomputeFixture fixture) : IClassFixture<RecomputeFixture>
{
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date.AddHours(10), TimeSpan.Zero);

    [Fact]
    public async Task The_recompute_scan_gives_rules_every_fact_exactly_as_event_handling_does()
    {
        var customers = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        IIntegrationEvent[] events =
        [
            // Registered with a profile, or known only from a purchase or a value.
            Population.Registered(customers[..20].Select((id, i) => (id, i % 3 == 0 ? "DE" : "FR"))),
            .. customers[..6].Select((id, i) => (IIntegrationEvent)new CustomerProfileUpdated(Guid.NewGuid(), Today, id, 2, ["attributes"],
                new CustomerProfile($"C-{id:N}", "Someone", null, null, null, null, "NL", null, i % 2 == 0 ? "store" : null, new DateOnly(2019, 3, i + 1),
                    JsonDocument.Parse(i % 2 == 0 ? """{ "vip": true, "address": { "city": "Utrecht" } }""" : """{ "vip": false }""").RootElement.Clone()))),
            new TransactionsRecorded(Guid.NewGuid(), Today, null,
                [.. customers[4..26].SelectMany((id, i) => Enumerable.Range(0, 1 + i % 5).Select(day => Sale(id, Today.AddDays(-(i * 7) - day), 10m + i)))]),
            new TransactionsRecorded(Guid.NewGuid(), Today, null, [Sale(customers[5], Today.AddDays(-1), 8m, TransactionKinds.Return)]),
            Population.Values(customers[10..].Select((id, i) => (id, 25m * i))),
            .. customers[..12].Select((id, i) => Population.Consent(id, "email:marketing", i % 2 == 0)),
            .. customers[..12].Where((_, i) => i % 3 == 0).Select(id => Population.Consent(id, "sms:marketing", true)),
            .. customers[..12].Where((_, i) => i % 4 == 0).Select(id => Population.Consent(id, "postalMail:service", true)),
        ];
        await fixture.PublishAsync(events);
        await fixture.CountReachesAsync("select count(*) from inbox where message_id = any(@Ids)", events.Length, new { Ids = Population.EventIds(events) });
        var services = fixture.Service.Services;
        await services.GetRequiredService<PopulationRecompute>().RunAsync(CancellationToken.None);
        var queries = services.GetRequiredService<CustomerFactQueries>();

        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        var cuts = await services.GetRequiredService<BreakpointStore>().ReadAsync(connection, snapshot, CancellationToken.None);
        var consents = await GrantedConsents.ReadAsync(connection, snapshot, CancellationToken.None);
        await using var rows = await CustomerFactRows.OpenAsync(
            snapshot, (0, uint.MaxValue), cuts, consents, withAttributes: true, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        var compared = 0;
        while (await rows.NextAsync(CancellationToken.None))
        {
            if (!customers.Contains(rows.CustomerId))
            {
                continue;
            }

            var handled = (await queries.FindForRulesAsync(rows.CustomerId, CancellationToken.None))!.Facts;
            foreach (var property in typeof(CustomerFacts).GetProperties())
            {
                var (scanned, expected) = (property.GetValue(rows.Facts), property.GetValue(handled));
                Assert.True(Same(scanned, expected), $"{property.Name} of {rows.CustomerId}: the scan read {Show(scanned)}, event handling {Show(expected)}");
            }

            compared++;
        }

        Assert.Equal(customers.Length, compared);
    }

    private static bool Same(object? scanned, object? expected) => (scanned, expected) switch
    {
        (JsonElement a, JsonElement b) => a.GetRawText() == b.GetRawText(),
        (IReadOnlySet<string> a, IReadOnlySet<string> b) => a.SetEquals(b),
        (IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) => a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var v) && v == pair.Value),
        _ => Equals(scanned, expected),
    };

    private static string Show(object? value) => value switch
    {
        null => "nothing",
        JsonElement json => json.GetRawText(),
        IEnumerable<string> texts => $"[{string.Join(", ", texts)}]",
        _ => value.ToString()!,
    };

    private static RecordedTransaction Sale(Guid customerId, DateTimeOffset occurredAt, decimal amount, string kind = TransactionKinds.Sale) =>
        new(Guid.NewGuid(), $"T-{Guid.NewGuid():N}", customerId, occurredAt, "web", "EUR", kind, null, amount, 0, 0, amount, amount / 2, []);
}
