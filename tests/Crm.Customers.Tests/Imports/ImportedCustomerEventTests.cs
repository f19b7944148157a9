using Crm.Customers.Imports;

namespace Crm.Customers.Tests.Imports;

/// <summary>
/// Other services learn of imported customers only from CustomersRegistered: what the file gave them (attributes,
/// consents) must travel in it, or segment rules on them would never match an imported customer.
/// </summary>
public sealed class ImportedCustomerEventTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>
{
    [Fact]
    public async Task The_batch_event_carries_each_customers_attributes_and_the_consents_the_file_granted()
    {
        var p = $"e{Guid.NewGuid():N}"[..13];
        var file = $$"""
            {"externalId":"{{p}}-1","name":"Grace Hopper","customerSince":"2019-03-01","attributes":{"tier":"gold","vip":true},"consents":["email:surveys","sms:marketing"]}
            {"externalId":"{{p}}-2","name":"Alan Turing"}

            """;

        var job = await fixture.ImportAsync(ImportKind.Customers, file, "application/x-ndjson");

        Assert.Equal((2, 2, 0), (job.RowsRead, job.RowsStored, job.RowsRejected));
        var announced = await fixture.QueryAsync<(string ExternalId, string? Tier, bool? Vip, string Consents)>("""
            select c.value->>'externalId', c.value->'attributes'->>'tier', (c.value->'attributes'->>'vip')::boolean,
                coalesce((select string_agg(g->>'channel' || ':' || (g->>'purpose') || ':' || (g->>'basis') || ':' || (g->>'source') || '@' || (g->>'changedAt'), ' ' order by g->>'channel')
                    from json_array_elements(c.value->'consents') g), '')
            from outbox o, json_array_elements(o.payload::json->'customers') c
            where o.message_type like 'Crm.Contracts.Customers.CustomersRegistered,%' and o.payload::json->>'importId' = @Id
            order by 1
            """, new { Id = job.Id.ToString() });
        Assert.Equal(
            [
                ($"{p}-1", "gold", true, "email:surveys:consent:import@2019-03-01T00:00:00+00:00 sms:marketing:consent:import@2019-03-01T00:00:00+00:00"),
                ($"{p}-2", null, null, ""),
            ],
            announced);
    }
}
