using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Crm.Customers.Data;
using Crm.Customers.Model;
using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Testing;
using Crm.Testing.Cdnow;

namespace Crm.Suite.Tests;

/// <summary>
/// The CDNOW sample's raw purchases, imported through the customers service like any business's history, reach
/// profitability as events; a scoring run with calibration end 1997-09-30 in weeks reproduces the published
/// BG/NBD and Gamma-Gamma fits and customer 1's predictions.
/// </summary>
public sealed class CdnowLifetimeValueTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly string _folder = Directory.CreateTempSubdirectory("crm-cdnow-sample-").FullName;

    [CdnowFact]
    public async Task The_cdnow_sample_imported_through_customers_fits_to_the_published_parameters()
    {
        var environment = await Suite.CreateEnvironmentAsync();
        var profitabilitySettings = environment.Settings();
        profitabilitySettings["Profitability:ReportingCurrency"] = "USD";
        profitabilitySettings["Profitability:LifetimeValue:Schedule"] = "00:00:00";
        await using var profitability = new ServiceHost<PnlQueries>(profitabilitySettings);
        using var profitabilityClient = profitability.CreateClient();
        await using var customers = new ServiceHost<CustomerStore>(environment.Settings());
        using var customersClient = customers.CreateClient();

        var customersCsv = Path.Combine(_folder, "customers.csv");
        var transactionsCsv = Path.Combine(_folder, "transactions.csv");
        CdnowConverter.Convert(CdnowConverter.SampleFile, customersCsv, transactionsCsv);
        await ImportAsync(customersClient, "customers", customersCsv);
        await ImportAsync(customersClient, "transactions", transactionsCsv);
        await Eventually.ReturnsAsync(() => Suite.CountAsync(environment, "profitabilitydb", "select count(*) from transaction_facts"),
            count => count == 6_919, Patience, "for the sample's 6,919 purchases to reach profitability");

        var started = await profitabilityClient.PostAsJsonAsync("/api/profitability/lifetime-value/runs",
            new ScoringRequest(new DateOnly(1997, 9, 30), TimeUnits.Weeks, 12, 0.01));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await Eventually.ReturnsAsync(
            async () => (await profitabilityClient.GetFromJsonAsync<ScoringRun>(started.Headers.Location!))!,
            found => found.Status is ScoringRunStatus.Succeeded or ScoringRunStatus.Failed, Patience, "for the scoring run");

        Assert.True(run.Status == ScoringRunStatus.Succeeded, run.Error);
        Assert.Equal(2_357, run.CustomersTotal);
        Assert.Equal(0.243, run.Model!.Purchases.Value("r"), 3);
        Assert.Equal(4.41, run.Model.Purchases.Value("alpha"), 2);
        Assert.Equal(0.793, run.Model.Purchases.Value("a"), 3);
        Assert.Equal(2.43, run.Model.Purchases.Value("b"), 2);
        Assert.Equal(6.25, run.Model.Spend.Value("p"), 2);
        Assert.Equal(3.74, run.Model.Spend.Value("q"), 2);
        Assert.Equal(15.4, run.Model.Spend.Value("gamma"), 1);

        var customerOne = (await customersClient.GetFromJsonAsync<Customer>($"/api/customers/by-external-id/{CdnowConverter.ExternalId("0001")}"))!;
        var value = (await profitabilityClient.GetFromJsonAsync<CustomerValue>($"/api/profitability/customers/{customerOne.Id}/value"))!;
        var outlook = (await profitabilityClient.GetFromJsonAsync<CustomerOutlook>($"/api/profitability/customers/{customerOne.Id}/value/outlook?horizon=39"))!;
        Assert.Equal(0.7266, value.ProbabilityAlive, 3);
        Assert.Equal(1.226, outlook.ExpectedPurchases, 3);
    }

    public void Dispose() => TestFolders.TryDelete(_folder);

    private static async Task ImportAsync(HttpClient customers, string kind, string file)
    {
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await customers.PostAsync($"/api/customers/imports/{kind}", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await Eventually.ReturnsAsync(
            async () => (await customers.GetFromJsonAsync<System.Text.Json.JsonElement>(response.Headers.Location!)),
            found => found.GetProperty("status").GetString() is "succeeded" or "failed", Patience, $"for the {kind} import");
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
    }
}
