using Crm.DemoData;

namespace Crm.Customers.Tests.Imports;

/// <summary>The demo customer base is made for the public import API: every file it writes is taken whole.</summary>
public sealed class DemoDataImportTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-demo-import-test-").FullName;

    [Fact]
    public async Task A_generated_customer_base_imports_through_the_api_with_no_row_rejected_and_again_with_nothing_new()
    {
        // A seed of its own keeps these customers apart from anything else the fixture's database holds.
        var summary = new DemoDataGenerator(new DemoDataSettings { Customers = 300, Seed = 9_176, EndDate = new DateOnly(2026, 11, 30) }).Generate(_folder);
        var client = new ImportClient(fixture.Client, TextWriter.Null);
        (string Kind, string File, long Rows)[] files =
        [
            ("customers", DemoDataGenerator.CustomersFile, summary.Customers),
            ("transactions", DemoDataGenerator.TransactionsFile, summary.TransactionLines),
            ("interactions", DemoDataGenerator.InteractionsFile, summary.Interactions),
        ];

        foreach (var (kind, file, rows) in files)
        {
            var job = await client.ImportAsync(kind, Path.Combine(_folder, file), CancellationToken.None);

            Assert.True(job.Succeeded, $"{kind}: {job}");
            Assert.Equal((rows, rows, 0L), (job.RowsRead, job.RowsStored, job.RowsRejected));
        }

        Assert.Equal(summary.Transactions, await fixture.ScalarAsync<long>("select count(*) from transactions where external_id like 'demo-%'"));
        Assert.Equal(summary.Returns, await fixture.ScalarAsync<long>("select count(*) from transactions where external_id like 'demo-%' and kind = 'return'"));
        var again = await client.ImportAsync("transactions", Path.Combine(_folder, DemoDataGenerator.TransactionsFile), CancellationToken.None);
        Assert.Equal((summary.TransactionLines, 0L, summary.TransactionLines), (again.RowsRead, again.RowsStored, again.RowsSkipped));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
