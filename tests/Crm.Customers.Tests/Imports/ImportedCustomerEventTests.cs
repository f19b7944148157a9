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

    [Fact]
    public async Task Erasure_takes_the_person_out_of_the_outbox_and_out_of_the_import_batch_that_named_them()
    {
        var p = $"x{Guid.NewGuid():N}"[..13];
        var file = $$"""
            {"externalId":"{{p}}-1","name":"Forget Me","email":"{{p}}.forget@example.com","consents":["email:surveys"]}
            {"externalId":"{{p}}-2","name":"Keep Me","email":"{{p}}.keep@example.com"}

            """;
        var job = await fixture.ImportAsync(ImportKind.Customers, file, "application/x-ndjson");
        var id = await fixture.ScalarAsync<Guid>("select id from customers where external_id = @Id", new { Id = $"{p}-1" });
        var patched = new HttpRequestMessage(HttpMethod.Patch, $"/api/customers/{id}")
        {
            Content = new StringContent($$"""{"phone":"+49 30 555 0101"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        patched.Headers.TryAddWithoutValidation("If-Match", "*");
        Assert.True((await fixture.Client.SendAsync(patched)).IsSuccessStatusCode);

        var erased = await fixture.Client.PostAsync($"/api/customers/{id}/erasure", null);

        Assert.True(erased.IsSuccessStatusCode);
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "select count(*) from outbox where payload like @Email or payload like '%+49 30 555 0101%'", new { Email = $"%{p}.forget%" }));
        Assert.Equal(["Crm.Contracts.Customers.CustomerErased"], await fixture.QueryAsync<string>(
            "select split_part(message_type, ',', 1) from outbox where partition_key = @Id", new { Id = id.ToString() }));
        var batch = await fixture.QueryAsync<string>("""
            select c->>'externalId' from outbox o, json_array_elements(o.payload::json->'customers') c
            where o.message_type like 'Crm.Contracts.Customers.CustomersRegistered,%' and o.payload::json->>'importId' = @Id
            """, new { Id = job.Id.ToString() });
        Assert.Equal([$"{p}-2"], batch);
    }
}
