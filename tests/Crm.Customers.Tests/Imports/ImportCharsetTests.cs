using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Customers.Imports;

namespace Crm.Customers.Tests.Imports;

/// <summary>
/// An upload is read in the charset its content type declares (UTF-8 when none), and bytes that are not text in it
/// reject their line: a name must never be stored with U+FFFD where a letter was.
/// </summary>
public sealed class ImportCharsetTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Prefix() => $"e{Guid.NewGuid():N}"[..13];

    private Task<HttpResponseMessage> UploadAsync(string kind, byte[] file, string contentType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return fixture.Client.PostAsync($"/api/customers/imports/{kind}", content);
    }

    private async Task<ImportJob> ImportAsync(string kind, byte[] file, string contentType)
    {
        var response = await UploadAsync(kind, file, contentType);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await fixture.WaitAsync((await response.Content.ReadFromJsonAsync<ImportJob>(Json))!.Id);
    }

    private Task<string> NameOfAsync(string externalId) =>
        fixture.ScalarAsync<string>("select name from customers where external_id = @Id", new { Id = externalId });

    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("latin1")]
    [InlineData("\"ISO-8859-1\"")]
    public async Task A_latin1_csv_declared_as_such_is_stored_with_its_letters(string charset)
    {
        var p = Prefix();

        var job = await ImportAsync(ImportKind.Customers, Encoding.Latin1.GetBytes($"external_id,name\n{p}-1,Müller Françoise\n"), $"text/csv; charset={charset}");

        Assert.Equal((ImportJobStatus.Succeeded, 1L, 0L), (job.Status, job.RowsStored, job.RowsRejected));
        Assert.Equal("Müller Françoise", await NameOfAsync($"{p}-1"));
    }

    [Fact]
    public async Task A_utf16_csv_with_a_byte_order_mark_is_stored_with_its_letters()
    {
        var p = Prefix();
        var file = new UnicodeEncoding(bigEndian: true, byteOrderMark: true);

        var job = await ImportAsync(ImportKind.Customers, [.. file.GetPreamble(), .. file.GetBytes($"external_id,name\n{p}-1,Zoë Ωmega 😀\n")], "text/csv; charset=utf-16");

        Assert.Equal((ImportJobStatus.Succeeded, 1L), (job.Status, job.RowsStored));
        Assert.Equal("Zoë Ωmega 😀", await NameOfAsync($"{p}-1"));
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_reject_their_line_instead_of_storing_replacement_characters()
    {
        var p = Prefix();
        byte[] file = [.. Encoding.UTF8.GetBytes($"external_id,name\n{p}-1,Good Name\n{p}-2,M"), 0xFC, .. Encoding.UTF8.GetBytes($"ller\n{p}-3,Zoë\n")];

        var job = await ImportAsync(ImportKind.Customers, file, "text/csv");

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal((3L, 2L, 1L), (job.RowsRead, job.RowsStored, job.RowsRejected));
        var error = Assert.Single(await fixture.ErrorsAsync(job.Id));
        Assert.Equal(3L, error.Line);
        Assert.Contains("not valid text", error.Message);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from customers where external_id = @Id", new { Id = $"{p}-2" }));
        Assert.Equal("Zoë", await NameOfAsync($"{p}-3"));
    }

    [Fact]
    public async Task Bytes_outside_the_declared_charset_reject_their_line()
    {
        var p = Prefix();
        byte[] file = [.. Encoding.ASCII.GetBytes($"external_id,name\n{p}-1,Plain\n{p}-2,M"), 0xFC, .. Encoding.ASCII.GetBytes("ller\n")];

        var job = await ImportAsync(ImportKind.Customers, file, "text/csv; charset=us-ascii");

        Assert.Equal((2L, 1L, 1L), (job.RowsRead, job.RowsStored, job.RowsRejected));
        Assert.Equal(3L, Assert.Single(await fixture.ErrorsAsync(job.Id)).Line);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from customers where external_id = @Id", new { Id = $"{p}-2" }));
    }

    [Fact]
    public async Task A_transaction_with_a_line_that_is_not_text_is_rejected_by_that_line()
    {
        var p = Prefix();
        await fixture.RegisterCustomersAsync($"{p}-C1");
        const string Header = "transaction_id,customer_id,occurred_at,channel,currency,sku,category,quantity,unit_price";
        byte[] file =
        [
            .. Encoding.UTF8.GetBytes($"{Header}\n{p}-T1,{p}-C1,2024-05-01,store,EUR,SKU-1,food,1,2\n{p}-T2,{p}-C1,2024-05-01,store,EUR,SKU-1,food,1,2\n"),
            .. Encoding.UTF8.GetBytes($"{p}-T2,{p}-C1,2024-05-01,store,EUR,SK"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",food,1,2\n"),
        ];

        var job = await ImportAsync(ImportKind.Transactions, file, "text/csv");

        Assert.Equal((3L, 1L, 2L), (job.RowsRead, job.RowsStored, job.RowsRejected));
        var errors = await fixture.ErrorsAsync(job.Id);
        Assert.Equal([3L, 4L], errors.Select(e => e.Line).ToArray());
        Assert.Contains("not valid text", errors[1].Message);
        Assert.Contains("see line 4", errors[0].Message);
    }

    [Fact]
    public async Task An_ndjson_line_that_is_not_utf8_is_rejected_by_line()
    {
        var p = Prefix();
        byte[] file =
        [
            .. Encoding.UTF8.GetBytes($"{{\"externalId\":\"{p}-1\",\"name\":\"M"), 0xFC, .. Encoding.UTF8.GetBytes("ller\"}\n"),
            .. Encoding.UTF8.GetBytes($"{{\"externalId\":\"{p}-2\",\"name\":\"Zoë\"}}\n"),
        ];

        var job = await ImportAsync(ImportKind.Customers, file, "application/x-ndjson");

        Assert.Equal((ImportJobStatus.Succeeded, 2L, 1L, 1L), (job.Status, job.RowsRead, job.RowsStored, job.RowsRejected));
        var error = Assert.Single(await fixture.ErrorsAsync(job.Id));
        Assert.Equal(1L, error.Line);
        Assert.Contains("not valid text", error.Message);
        Assert.Equal("Zoë", await NameOfAsync($"{p}-2"));
    }

    [Theory]
    [InlineData("text/csv; charset=klingon")]
    [InlineData("application/x-ndjson; charset=utf-7")]
    public async Task An_unknown_charset_is_a_415_problem_and_no_job(string contentType)
    {
        var jobs = await fixture.ScalarAsync<long>("select count(*) from import_jobs");

        var response = await UploadAsync(ImportKind.Customers, Encoding.UTF8.GetBytes("external_id,name\nX,Y\n"), contentType);

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("charset", await response.Content.ReadAsStringAsync());
        Assert.Equal(jobs, await fixture.ScalarAsync<long>("select count(*) from import_jobs"));
    }
}
