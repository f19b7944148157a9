using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Crm.Testing.Cdnow;
using Crm.Testing;

namespace Crm.Customers.Tests;

/// <summary>The CDNOW research data set, converted to the import formats, arrives in the service completely and exactly.</summary>
public sealed class CdnowImportTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>, IDisposable
{
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(5);

    private readonly string _folder = Directory.CreateTempSubdirectory("crm-cdnow-").FullName;

    [CdnowFact]
    public async Task The_cdnow_master_file_imports_completely_and_exactly()
    {
        var expected = CdnowConverter.ReadTotals(CdnowConverter.MasterFile);
        Assert.Equal(69_659, expected.Transactions);
        Assert.Equal(23_570, expected.Customers);
        var customersCsv = Path.Combine(_folder, "cdnow-customers.csv");
        var transactionsCsv = Path.Combine(_folder, "cdnow-transactions.csv");
        var (customerRows, transactionRows) = CdnowConverter.Convert(CdnowConverter.MasterFile, customersCsv, transactionsCsv);

        var customersJob = await ImportAsync("customers", customersCsv);
        var transactionsJob = await ImportAsync("transactions", transactionsCsv);

        AssertSucceeded(customersJob, customerRows);
        AssertSucceeded(transactionsJob, transactionRows);
        Assert.Equal(expected.Customers, await fixture.ScalarAsync<long>("select count(*) from customers where external_id like 'cdnow-%'"));
        Assert.Equal(expected.Transactions, await fixture.ScalarAsync<long>("select count(*) from transactions where external_id like 'cdnow-%'"));
        Assert.Equal(expected.DollarValue, await fixture.ScalarAsync<decimal>("select sum(revenue) from transactions where external_id like 'cdnow-%'"));
        Assert.Equal(expected.DollarValue, await fixture.ScalarAsync<decimal>("select sum(net_amount) from transactions where external_id like 'cdnow-%'"));
        Assert.Equal(expected.DollarValue, await fixture.ScalarAsync<decimal>(
            "select sum(l.quantity * l.unit_price) from transaction_lines l join transactions t on t.id = l.transaction_id where t.external_id like 'cdnow-%'"));
        Assert.Equal(expected.Cds, await fixture.ScalarAsync<decimal>(
            "select sum(l.quantity) from transaction_lines l join transactions t on t.id = l.transaction_id where t.external_id like 'cdnow-%'"));

        // The two busiest customers of the file, its first and last, and one whose only purchase was worth 0 dollars.
        foreach (var cdnowId in new[] { "14048", "07592", "00001", "23570", "00455" })
        {
            var count = await fixture.ScalarAsync<long>(
                "select count(*) from transactions t join customers c on c.id = t.customer_id where c.external_id = @ExternalId",
                new { ExternalId = CdnowConverter.ExternalId(cdnowId) });
            Assert.True(expected.TransactionsPerCustomer[cdnowId] == count,
                $"customer {cdnowId}: {expected.TransactionsPerCustomer[cdnowId]} transactions in the file, {count} stored");
        }

        Assert.Equal(217, expected.TransactionsPerCustomer["14048"]);
    }

    [Fact]
    public void Converted_lines_keep_cds_and_dollars_exact_when_the_price_per_cd_has_no_exact_decimal()
    {
        Assert.Equal([(3, 6.67m)], CdnowConverter.Lines(3, 20.01m));
        Assert.Equal([(2, 6.66m), (1, 6.68m)], CdnowConverter.Lines(3, 20.00m));
        Assert.Equal([(1, 0.00m)], CdnowConverter.Lines(1, 0.00m));
        Assert.Equal([(7, 0m)], CdnowConverter.Lines(7, 0m));
    }

    private async Task<JsonElement> ImportAsync(string kind, string file)
    {
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await fixture.Client.PostAsync($"/api/customers/imports/{kind}?fileName={Path.GetFileName(file)}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{kind}: expected 202, got {(int)response.StatusCode}: {body}");
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{kind}: the 202 has no Location header.");

        return await Eventually.ReturnsAsync(
            async () => JsonDocument.Parse(await fixture.Client.GetStringAsync(location)).RootElement.Clone(),
            job => job.GetProperty("status").GetString() is "succeeded" or "failed",
            ImportTimeout,
            $"the {kind} import to finish");
    }

    private static void AssertSucceeded(JsonElement job, long rows)
    {
        Assert.True(job.GetProperty("status").GetString() == "succeeded", $"the import failed: {job}");
        Assert.Equal(0, job.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(rows, job.GetProperty("rowsRead").GetInt64());
        Assert.Equal(rows, job.GetProperty("rowsStored").GetInt64());
    }

    public void Dispose() => TestFolders.TryDelete(_folder);
}
