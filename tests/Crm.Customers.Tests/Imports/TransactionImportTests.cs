using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Customers.Imports;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Tests.Imports;

public sealed class TransactionImportTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>
{
    private const string Header = "transaction_id,customer_id,occurred_at,channel,currency,sku,category,quantity,unit_price,discount,allowance,unit_cost,kind,original_transaction_id";
    private const string Injection = "Robert'); drop table transactions; --";

    private static string Prefix() => $"t{Guid.NewGuid():N}"[..13];

    /// <summary>Lines 2–11: three good transactions (one of two lines, a return) and seven bad rows.</summary>
    private static string MixedFile(string p) => string.Join('\n',
        Header,
        $"{p}-T1,{p}-C1,2024-05-01T10:00:00+02:00,store,EUR,SKU-1,food,2,3.50,0.50,,1.20,,",
        $"{p}-T1,{p}-C1,2024-05-01T10:00:00+02:00,store,EUR,SKU-2,food,1,10,,,4,,",
        $"{p}-T2,{p}-C1,2024-05-02,web,EUR,SKU-3,food,-1,5,,,,,",
        $"{p}-T3,{p}-C1,2024-05-02,web,XXX,SKU-3,food,1,5,,,,,",
        $"{p}-T4,{p}-C1,2999-01-01T00:00:00Z,web,EUR,SKU-3,food,1,5,,,,,",
        $"{p}-T5,{p}-NOBODY,2024-05-02,web,EUR,SKU-3,food,1,5,,,,,",
        $"{p}-T6,{p}-C1,2024-05-02,web,EUR,{new string('S', 65)},food,1,5,,,,,",
        $"{p}-T7,{p}-C2,2024-05-03,app,USD,\"{Injection}\",\"books, used\",3,1.99,,,,,",
        $"{p}-T8,{p}-C2,2024-05-04,store,EUR,SKU-1,food,1,3.50,,,,return,{p}-T1",
        $"{p}-T9,{p}-C1,2024-05-04,store,EUR,SKU-1,food,1,3.50,,,1.20,return,{p}-T1") + "\n";

    [Fact]
    public async Task Good_rows_are_stored_exactly_and_each_bad_row_is_reported_by_line_and_field()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1", $"{p}-C2");

        var job = await fixture.ImportAsync(ImportKind.Transactions, MixedFile(p));

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal((10, 4, 0, 6), (job.RowsRead, job.RowsStored, job.RowsSkipped, job.RowsRejected));
        var errors = await fixture.ErrorsAsync(job.Id);
        Assert.Equal([4L, 5L, 6L, 7L, 8L, 10L], errors.Select(error => error.Line).Distinct().ToArray());
        (long, string)[] expected = [(4, "quantity"), (5, "currency"), (6, "occurred_at"), (7, "customer_id"), (8, "sku"), (10, "original_transaction_id")];
        Assert.All(expected, pair => Assert.Contains(errors, error => (error.Line, error.Field) == pair));

        var sale = await fixture.QueryAsync<(decimal Revenue, decimal Discounts, decimal Net, decimal Cost, int Lines, DateTime OccurredAt)>(
            "select revenue, discounts, net_amount, product_cost, line_count, occurred_at from transactions where external_id = @Id", new { Id = $"{p}-T1" });
        Assert.Equal((17.00m, 0.50m, 16.50m, 6.40m, 2), (sale[0].Revenue, sale[0].Discounts, sale[0].Net, sale[0].Cost, sale[0].Lines));
        Assert.Equal(new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc), sale[0].OccurredAt);
        Assert.Equal(Injection, await fixture.ScalarAsync<string>(
            "select l.sku from transaction_lines l join transactions t on t.id = l.transaction_id where t.external_id = @Id", new { Id = $"{p}-T7" }));
        Assert.Equal("books, used", await fixture.ScalarAsync<string>(
            "select l.category from transaction_lines l join transactions t on t.id = l.transaction_id where t.external_id = @Id", new { Id = $"{p}-T7" }));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "select count(*) from transactions r join transactions s on s.id = r.original_id where r.external_id = @Id and r.kind = 'return' and s.external_id = @Original",
            new { Id = $"{p}-T9", Original = $"{p}-T1" }));
        Assert.Equal(3L, await fixture.ScalarAsync<long>("select count(*) from transactions where external_id like @P", new { P = $"{p}-%" }));
        Assert.Equal(job.Id, await fixture.ScalarAsync<Guid>("select import_id from transactions where external_id = @Id", new { Id = $"{p}-T9" }));
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1", $"{p}-C2");
        var file = MixedFile(p);
        var first = await fixture.ImportAsync(ImportKind.Transactions, file);
        const string Snapshot = """
            select coalesce(string_agg(t.external_id || ':' || t.id || ':' || t.net_amount || ':' || t.recorded_at, ',' order by t.external_id), '')
            from transactions t where t.external_id like @P
            """;
        var before = await fixture.ScalarAsync<string>(Snapshot, new { P = $"{p}-%" });
        var lines = await fixture.ScalarAsync<long>("select count(*) from transaction_lines");
        var events = await fixture.ScalarAsync<long>("select count(*) from outbox");

        var second = await fixture.ImportAsync(ImportKind.Transactions, file);

        Assert.Equal(ImportJobStatus.Succeeded, second.Status);
        Assert.Equal(4, first.RowsStored);
        Assert.Equal((10, 0, 4, 6), (second.RowsRead, second.RowsStored, second.RowsSkipped, second.RowsRejected));
        Assert.Equal(before, await fixture.ScalarAsync<string>(Snapshot, new { P = $"{p}-%" }));
        Assert.Equal(lines, await fixture.ScalarAsync<long>("select count(*) from transaction_lines"));
        Assert.Equal(events, await fixture.ScalarAsync<long>("select count(*) from outbox"));
    }

    [Fact]
    public async Task A_transaction_id_reused_with_different_content_is_rejected_not_skipped()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1");
        await fixture.ImportAsync(ImportKind.Transactions, $"{Header}\n{p}-T1,{p}-C1,2024-05-01,store,EUR,SKU-1,food,1,3.50,,,,,\n");

        var job = await fixture.ImportAsync(ImportKind.Transactions, $"{Header}\n{p}-T1,{p}-C1,2024-05-01,store,EUR,SKU-1,food,1,9.99,,,,,\n");

        Assert.Equal((0, 0, 1), (job.RowsStored, job.RowsSkipped, job.RowsRejected));
        Assert.Equal("transaction_id", Assert.Single(await fixture.ErrorsAsync(job.Id)).Field);
        Assert.Equal(3.50m, await fixture.ScalarAsync<decimal>("select revenue from transactions where external_id = @Id", new { Id = $"{p}-T1" }));
    }

    [Fact]
    public async Task Rows_of_one_transaction_that_disagree_on_its_header_reject_the_whole_transaction()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1");
        var file = $"""
            {Header}
            {p}-T1,{p}-C1,2024-05-01,store,EUR,SKU-1,food,1,3.50,,,,,
            {p}-T1,{p}-C1,2024-05-01,store,USD,SKU-2,food,1,3.50,,,,,
            {p}-T1,{p}-C1,2024-05-01,store,EUR,SKU-3,food,1,3.50,,,,,

            """;

        var job = await fixture.ImportAsync(ImportKind.Transactions, file);

        Assert.Equal((3, 0, 3), (job.RowsRead, job.RowsStored, job.RowsRejected));
        var errors = await fixture.ErrorsAsync(job.Id);
        Assert.Equal([2L, 3L, 4L], errors.Select(error => error.Line).ToArray());
        Assert.Equal("currency", errors[1].Field);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from transactions where external_id like @P", new { P = $"{p}-%" }));
    }

    [Fact]
    public async Task Ndjson_transactions_count_their_lines_and_report_bad_ones_by_file_line()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1");
        var file = string.Join('\n',
            $$"""{"transactionId":"{{p}}-T1","customerId":"{{p}}-C1","occurredAt":"2024-05-01T10:00:00Z","channel":"web","currency":"EUR","lines":[{"sku":"A","category":"x","quantity":2,"unitPrice":1.25},{"sku":"B","category":"x","quantity":1,"unitPrice":4,"discount":1}]}""",
            "",
            $$"""{"transactionId":"{{p}}-T2","customerId":"{{p}}-C1","occurredAt":"2024-05-01T10:00:00Z","channel":"web","currency":"EUR","lines":[{"sku":"A","category":"x","quantity":0,"unitPrice":1}]}""",
            """{"transactionId": 12, "lines": "no"}""",
            "not json at all") + "\n";

        var job = await fixture.ImportAsync(ImportKind.Transactions, file, "application/x-ndjson");

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal((5, 2, 3), (job.RowsRead, job.RowsStored, job.RowsRejected));
        var errors = await fixture.ErrorsAsync(job.Id);
        Assert.Equal([3L, 4L, 5L], errors.Select(error => error.Line).Distinct().ToArray());
        Assert.Contains(errors, error => error is { Line: 3, Field: "lines[0].quantity" });
        Assert.Equal(5.50m, await fixture.ScalarAsync<decimal>("select net_amount from transactions where external_id = @Id", new { Id = $"{p}-T1" }));
    }

    [Fact]
    public async Task A_file_with_an_unterminated_quote_is_a_400_problem_naming_the_line_and_nothing_is_stored()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1");
        var file = $"""
            {Header}
            {p}-T1,{p}-C1,2024-05-01,store,EUR,SKU-1,food,1,3.50,,,,,
            {p}-T2,{p}-C1,2024-05-01,store,EUR,"SKU-2,food,1,3.50,,,,,
            {p}-T3,{p}-C1,2024-05-01,store,EUR,SKU-3,food,1,3.50,,,,,

            """;
        var events = await fixture.ScalarAsync<long>("select count(*) from outbox");
        var spooled = SpoolFiles();

        var response = await fixture.UploadAsync(ImportKind.Transactions, file, fileName: $"{p}.csv");

        var detail = await BadFileProblemAsync(response, line: 3);
        Assert.Contains("Line 3", detail);
        Assert.Contains("never closed", detail);
        await AssertNothingKeptAsync($"{p}.csv", spooled);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from transactions where external_id like @P", new { P = $"{p}-%" }));
        Assert.Equal(events, await fixture.ScalarAsync<long>("select count(*) from outbox"));
    }

    [Theory]
    [InlineData(ImportKind.Transactions, "transaction_id,customer_id\nT1,C1\n", "occurred_at")]
    [InlineData(ImportKind.Interactions, "interaction_id,customer_id,occurred_at\nI1,C1,2024-05-01\n", "channel")]
    [InlineData(ImportKind.Customers, "name\nAda\n", "external_id")]
    public async Task A_file_without_the_required_columns_is_a_400_problem_naming_them_and_no_job(string kind, string file, string missing)
    {
        var name = $"{Prefix()}.csv";
        var spooled = SpoolFiles();

        var response = await fixture.UploadAsync(kind, file, fileName: name);

        var detail = await BadFileProblemAsync(response, line: 1);
        Assert.Contains(missing, detail);
        await AssertNothingKeptAsync(name, spooled);
    }

    private static async Task<string> BadFileProblemAsync(HttpResponseMessage response, long line)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(line, problem.GetProperty("line").GetInt64());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Equal(detail, problem.GetProperty("errors").GetProperty("file")[0].GetString());
        return detail;
    }

    /// <summary>No job was created for the upload and its spooled copy is gone.</summary>
    private async Task AssertNothingKeptAsync(string fileName, string[] spooledBefore)
    {
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from import_jobs where file_name = @Name", new { Name = fileName }));
        Assert.Empty(SpoolFiles().Except(spooledBefore));
    }

    private string[] SpoolFiles()
    {
        var folder = fixture.Service.Services.GetRequiredService<IOptions<ImportsOptions>>().Value.SpoolFolder;
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    [Fact]
    public async Task A_big_import_publishes_batch_events_of_a_thousand_transactions_not_one_per_row()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1", $"{p}-C2");
        var file = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 2500; i++)
        {
            file.Append($"{p}-T{i},{p}-C{1 + i % 2},2024-05-01T10:00:00Z,web,EUR,SKU-{i},food,1,2.00,,,,,\n");
        }

        var job = await fixture.ImportAsync(ImportKind.Transactions, file.ToString());

        Assert.Equal(2500, job.RowsStored);
        var batches = await fixture.QueryAsync<int>("""
            select json_array_length(payload::json->'transactions') from outbox
            where message_type like 'Crm.Contracts.Customers.TransactionsRecorded,%' and payload::json->>'importId' = @Id
            order by id
            """, new { Id = job.Id.ToString() });
        Assert.Equal([1000, 1000, 500], batches);
        // The relay hands them to the broker (sent_at is set only once RabbitMQ has confirmed each one).
        await Eventually.ReturnsAsync(
            () => fixture.ScalarAsync<long>(
                "select count(*) from outbox where payload::json->>'importId' = @Id and sent_at is not null", new { Id = job.Id.ToString() }),
            sent => sent == 3,
            because: "for the relay to publish the three batch events");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_file_of_another_type_is_a_415_problem(string contentType)
    {
        var response = await fixture.UploadAsync(ImportKind.Transactions, "{}", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_empty_upload_is_a_400_problem_and_an_unknown_kind_or_job_a_404()
    {
        var empty = await fixture.UploadAsync(ImportKind.Transactions, "");
        var unknownKind = await fixture.UploadAsync("products", "sku\nA\n");
        var unknownJob = await fixture.Client.GetAsync($"/api/customers/imports/{Guid.NewGuid()}");
        var badLimit = await fixture.Client.GetAsync($"/api/customers/imports/{Guid.NewGuid()}/errors?limit=5000");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownKind.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal("application/problem+json", badLimit.Content.Headers.ContentType?.MediaType);
    }
}
