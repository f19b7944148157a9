using System.Net.Http.Json;
using Crm.Customers.Imports;

namespace Crm.Customers.Tests.Imports;

public sealed class CustomerAndInteractionImportTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>
{
    private static string Prefix() => $"c{Guid.NewGuid():N}"[..13];

    [Fact]
    public async Task A_customers_csv_registers_customers_with_their_consents_and_rejects_bad_rows()
    {
        var p = Prefix();
        var file = $"""
            external_id,name,email,phone,birth_date,household_size,country,region,acquisition_source,acquisition_note,customer_since,consents,loyalty_card
            {p}-1,Ada Lovelace,ada@example.com,+44 20 7946 0000,1985-12-10,,GB,London,referral,"Met at a salon, 1833",2020-01-15,email:marketing;sms:service,X1
            {p}-2,Charles Babbage,,,,2,GB,,,,,,
            {p}-3,Bad Email,not-an-email,,,,,,,,,,
            {p}-4,Bad Source,,,,,,,tv,,,,
            {p}-5,Bad Consent,,,,,,,,,,email:spam,
            ,No Id,,,,,,,,,,,
            {p}-2,Charles Again,,,,,,,,,,,

            """;

        var job = await fixture.ImportAsync(ImportKind.Customers, file);

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal((7, 2, 0, 5), (job.RowsRead, job.RowsStored, job.RowsSkipped, job.RowsRejected));
        var errors = await fixture.ErrorsAsync(job.Id);
        Assert.Equal([(4L, "email"), (5L, "acquisition_source"), (6L, "consents"), (7L, "external_id"), (8L, "external_id")],
            errors.Select(error => (error.Line, error.Field!)).ToArray());

        var ada = await fixture.QueryAsync<(string Name, string Country, string Source, string Note, DateTime Since, DateTime BirthDate)>(
            "select name, country, acquisition_source, acquisition_note, customer_since, birth_date from customers where external_id = @Id", new { Id = $"{p}-1" });
        Assert.Equal(("Ada Lovelace", "GB", "referral", "Met at a salon, 1833"), (ada[0].Name, ada[0].Country, ada[0].Source, ada[0].Note));
        Assert.Equal(new DateTime(2020, 1, 15), ada[0].Since);
        var consents = await fixture.QueryAsync<string>("""
            select c.channel || ':' || c.purpose || ':' || c.basis || ':' || c.source from consents c join customers u on u.id = c.customer_id
            where u.external_id = @Id and c.granted order by 1
            """, new { Id = $"{p}-1" });
        Assert.Equal(["email:marketing:consent:import", "sms:service:consent:import"], consents);
        Assert.Equal(2L, await fixture.ScalarAsync<long>(
            "select count(*) from consent_changes c join customers u on u.id = c.customer_id where u.external_id = @Id", new { Id = $"{p}-1" }));
        Assert.Equal("Charles Babbage", await fixture.ScalarAsync<string>("select name from customers where external_id = @Id", new { Id = $"{p}-2" }));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("""
            select count(*) from outbox where message_type like 'Crm.Contracts.Customers.CustomersRegistered,%'
            and payload::json->>'importId' = @Id and json_array_length(payload::json->'customers') = 2
            """, new { Id = job.Id.ToString() }));
    }

    [Fact]
    public async Task A_customers_csv_can_carry_the_postal_address_and_attributes_and_bad_ones_are_reported_by_column()
    {
        var p = Prefix();
        var longCity = new string('x', 101);
        var file = $$"""
            external_id,name,postal_address.line1,postal_address.city,postal_address.postal_code,postal_address.country,attributes
            {{p}}-1,Ada Lovelace,12 St James's Square,London,SW1Y 4JH,GB,"{""tier"":""gold"",""vip"":true}"
            {{p}}-2,No Address,,,,,
            {{p}}-3,Bad Json,,,,,"{tier:gold"
            {{p}}-4,Not An Object,,,,,"[1,2]"
            {{p}}-5,Long City,1 Road,{{longCity}},,DE,

            """;

        var job = await fixture.ImportAsync(ImportKind.Customers, file);

        Assert.Equal((5, 2, 3), (job.RowsRead, job.RowsStored, job.RowsRejected));
        var errors = await fixture.ErrorsAsync(job.Id);
        Assert.Equal([(4L, "attributes"), (5L, "attributes"), (6L, "postal_address.city")], errors.Select(e => (e.Line, e.Field!)).ToArray());
        var ada = await fixture.QueryAsync<(string Line1, string City, string PostalCode, string Country, string Tier, bool Vip)>("""
            select postal_address->>'line1', postal_address->>'city', postal_address->>'postalCode', postal_address->>'country',
                attributes->>'tier', (attributes->>'vip')::boolean
            from customers where external_id = @Id
            """, new { Id = $"{p}-1" });
        Assert.Equal(("12 St James's Square", "London", "SW1Y 4JH", "GB", "gold", true), Assert.Single(ada));
        Assert.True(await fixture.ScalarAsync<bool>(
            "select postal_address is null and attributes = '{}' from customers where external_id = @Id", new { Id = $"{p}-2" }));
    }

    [Fact]
    public async Task Importing_a_customers_file_again_changes_nothing()
    {
        var p = Prefix();
        var file = $"""
            external_id,name,email,consents
            {p}-1,Ada Lovelace,ada@example.com,email:marketing
            {p}-2,Charles Babbage,,
            {p}-3,Bad Email,not-an-email,

            """;
        await fixture.ImportAsync(ImportKind.Customers, file);
        const string State = """
            select (select count(*) from customers where external_id like @P) * 1000000
                + (select count(*) from consent_changes c join customers u on u.id = c.customer_id where u.external_id like @P) * 1000
                + (select count(*) from outbox)
            """;
        var before = await fixture.ScalarAsync<long>(State, new { P = $"{p}-%" });

        var again = await fixture.ImportAsync(ImportKind.Customers, file);

        Assert.Equal((3, 0, 2, 1), (again.RowsRead, again.RowsStored, again.RowsSkipped, again.RowsRejected));
        Assert.Equal(before, await fixture.ScalarAsync<long>(State, new { P = $"{p}-%" }));
    }

    [Fact]
    public async Task Ndjson_customers_are_registered_like_the_api_registers_them()
    {
        var p = Prefix();
        var file = $$"""
            {"externalId":"{{p}}-1","name":"Grace Hopper","email":"grace@example.com","attributes":{"tier":"gold"},"consents":["email:surveys"]}
            {"externalId":"{{p}}-2","name":"","email":"x@example.com"}

            """;

        var job = await fixture.ImportAsync(ImportKind.Customers, file, "application/x-ndjson");

        Assert.Equal((2, 1, 1), (job.RowsRead, job.RowsStored, job.RowsRejected));
        Assert.Equal("name", Assert.Single(await fixture.ErrorsAsync(job.Id)).Field);
        Assert.Equal("gold", await fixture.ScalarAsync<string>("select attributes->>'tier' from customers where external_id = @Id", new { Id = $"{p}-1" }));
    }

    [Fact]
    public async Task An_interactions_csv_is_stored_once_however_often_it_is_imported()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1");
        var file = $"""
            interaction_id,customer_id,occurred_at,channel,type,cost_to_serve,currency
            {p}-I1,{p}-C1,2024-05-01T10:00:00Z,phone,call,4.5,EUR
            {p}-I2,{p}-C1,2024-05-01T11:00:00+01:00,web,pageView,,
            {p}-I3,{p}-C1,2024-05-01T12:00:00Z,fax,call,,
            {p}-I4,{p}-NOBODY,2024-05-01T12:00:00Z,web,click,,

            """;

        var first = await fixture.ImportAsync(ImportKind.Interactions, file);
        var second = await fixture.ImportAsync(ImportKind.Interactions, file);

        Assert.Equal((4, 2, 0, 2), (first.RowsRead, first.RowsStored, first.RowsSkipped, first.RowsRejected));
        Assert.Equal((4, 0, 2, 2), (second.RowsRead, second.RowsStored, second.RowsSkipped, second.RowsRejected));
        Assert.Equal([(4L, "channel"), (5L, "customer_id")], (await fixture.ErrorsAsync(first.Id)).Select(e => (e.Line, e.Field!)).ToArray());
        Assert.Equal(4.5m, await fixture.ScalarAsync<decimal>("select cost_to_serve from interactions where external_id = @Id", new { Id = $"{p}-I1" }));
        Assert.Equal(2L, await fixture.ScalarAsync<long>("select count(*) from interactions where external_id like @P", new { P = $"{p}-%" }));
    }

    [Fact]
    public async Task Ndjson_interactions_are_stored_reported_by_line_and_announced_in_one_batch_event()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1");
        var file = $$"""
            {"interactionId":"{{p}}-I1","customerId":"{{p}}-C1","occurredAt":"2024-05-01T10:00:00Z","channel":"phone","type":"call","costToServe":4.5,"currency":"EUR"}
            {"interactionId":"{{p}}-I2","customerId":"{{p}}-C1","occurredAt":"2024-05-02T09:30:00+02:00","channel":"store","type":"storeVisit"}
            {"interactionId":"{{p}}-I3","customerId":"{{p}}-C1","occurredAt":"2024-05-02T09:30:00Z","channel":"web","type":"click","costToServe":-1,"currency":"EUR"}
            {"interactionId":"{{p}}-I4","customerId":"{{p}}-C1","occurredAt":"not a time","channel":"web","type":"click"}

            """;

        var job = await fixture.ImportAsync(ImportKind.Interactions, file, "application/ndjson");

        Assert.Equal((4, 2, 0, 2), (job.RowsRead, job.RowsStored, job.RowsSkipped, job.RowsRejected));
        Assert.Equal([(3L, "costToServe"), (4L, "occurredAt")], (await fixture.ErrorsAsync(job.Id)).Select(e => (e.Line, e.Field!)).ToArray());
        var announced = await fixture.QueryAsync<(string Id, string Type, DateTime At)>("""
            select i->>'externalId', i->>'type', (i->>'occurredAt')::timestamptz at time zone 'UTC'
            from outbox o, json_array_elements(o.payload::json->'interactions') i
            where o.message_type like 'Crm.Contracts.Customers.InteractionsRecorded,%' and o.payload::json->>'importId' = @Id
            order by 1
            """, new { Id = job.Id.ToString() });
        Assert.Equal([($"{p}-I1", "call", new DateTime(2024, 5, 1, 10, 0, 0)), ($"{p}-I2", "storeVisit", new DateTime(2024, 5, 2, 7, 30, 0))], announced);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("""
            select count(*) from outbox where message_type like 'Crm.Contracts.Customers.InteractionsRecorded,%' and payload::json->>'importId' = @Id
            """, new { Id = job.Id.ToString() }));
    }

    [Fact]
    public async Task An_interaction_id_reused_with_different_content_or_for_another_customer_is_rejected_by_line_and_an_exact_repeat_skipped()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1", $"{p}-C2");
        const string Header = "interaction_id,customer_id,occurred_at,channel,type,cost_to_serve,currency";
        var first = await fixture.ImportAsync(ImportKind.Interactions, $"""
            {Header}
            {p}-I1,{p}-C1,2024-05-01T10:00:00Z,phone,call,4.5,EUR
            {p}-I2,{p}-C1,2024-05-01T11:00:00Z,web,pageView,,
            {p}-I3,{p}-C1,2024-05-01T12:00:00Z,email,emailOpened,,

            """);
        var events = await fixture.ScalarAsync<long>("select count(*) from outbox");

        // I1 the same (its time and cost written differently), I2 with another cost, I3 for another customer, I4 new
        // and then reused within the file.
        var second = await fixture.ImportAsync(ImportKind.Interactions, $"""
            {Header}
            {p}-I1,{p}-C1,2024-05-01T12:00:00+02:00,phone,call,4.50,EUR
            {p}-I2,{p}-C1,2024-05-01T11:00:00Z,web,pageView,1.25,EUR
            {p}-I3,{p}-C2,2024-05-01T12:00:00Z,email,emailOpened,,
            {p}-I4,{p}-C2,2024-05-02T09:00:00Z,web,click,,
            {p}-I4,{p}-C2,2024-05-02T09:00:00Z,web,pageView,,

            """);

        Assert.Equal((3, 3, 0, 0), (first.RowsRead, first.RowsStored, first.RowsSkipped, first.RowsRejected));
        Assert.Equal(ImportJobStatus.Succeeded, second.Status);
        Assert.Equal((5, 1, 1, 3), (second.RowsRead, second.RowsStored, second.RowsSkipped, second.RowsRejected));
        var errors = await fixture.ErrorsAsync(second.Id);
        Assert.Equal([(3L, "interaction_id"), (4L, "interaction_id"), (6L, "interaction_id")], errors.Select(e => (e.Line, e.Field!)).ToArray());
        Assert.All(errors, error => Assert.Contains("recorded already with different content", error.Message));
        Assert.Contains($"{p}-I2", errors[0].Message);
        var stored = await fixture.QueryAsync<(string Id, string Customer, string Type, decimal? Cost)>("""
            select i.external_id, c.external_id, i.type, i.cost_to_serve from interactions i join customers c on c.id = i.customer_id
            where i.external_id like @P order by i.external_id
            """, new { P = $"{p}-%" });
        Assert.Equal(
            [($"{p}-I1", $"{p}-C1", "call", 4.5m), ($"{p}-I2", $"{p}-C1", "pageView", null), ($"{p}-I3", $"{p}-C1", "emailOpened", null), ($"{p}-I4", $"{p}-C2", "click", null)],
            stored);
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "select count(*) from outbox where payload::json->>'importId' = @Id", new { Id = second.Id.ToString() }));
        Assert.Equal(events + 1, await fixture.ScalarAsync<long>("select count(*) from outbox"));
    }

    [Fact]
    public async Task Row_errors_are_paged_by_line()
    {
        var p = Prefix();
        var file = "external_id,name\n" + string.Concat(Enumerable.Range(0, 5).Select(i => $"{p}-{i},\n"));
        var job = await fixture.ImportAsync(ImportKind.Customers, file);

        var first = await fixture.Client.GetFromJsonAsync<ImportErrorsPage>($"/api/customers/imports/{job.Id}/errors?limit=2");
        var second = await fixture.Client.GetFromJsonAsync<ImportErrorsPage>($"/api/customers/imports/{job.Id}/errors?limit=2&after={first!.Next}");
        var last = await fixture.Client.GetFromJsonAsync<ImportErrorsPage>($"/api/customers/imports/{job.Id}/errors?limit=2&after={second!.Next}");

        Assert.Equal([2L, 3L], first.Items.Select(e => e.Line).ToArray());
        Assert.Equal([4L, 5L], second.Items.Select(e => e.Line).ToArray());
        Assert.Equal([6L], last!.Items.Select(e => e.Line).ToArray());
        Assert.Null(last.Next);
    }
}
