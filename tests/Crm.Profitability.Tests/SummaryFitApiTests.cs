using System.Net;
using System.Net.Http.Json;
using Crm.Profitability.Model;
using Crm.Testing.Cdnow;
using static Crm.Profitability.Tests.ProfitabilityFixture;

namespace Crm.Profitability.Tests;

/// <summary>The analyst endpoint: a posted summary is fitted and every customer predicted, or the analyst is told why not.</summary>
public sealed class SummaryFitApiTests(ProfitabilityFixture fixture) : IClassFixture<ProfitabilityFixture>
{
    private const string FitsPath = "/api/profitability/lifetime-value/fits";

    [Fact]
    public async Task The_example_summary_the_http_file_posts_fits_and_predicts_every_customer()
    {
        var example = Path.Combine(Crm.Hosting.Repository.Root, "services", "Profitability", "Crm.Profitability", "examples", "summary-fit.json");
        using var body = new StringContent(await File.ReadAllTextAsync(example), System.Text.Encoding.UTF8, "application/json");

        var response = await fixture.Client.PostAsync(FitsPath, body);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var fit = (await response.Content.ReadFromJsonAsync<SummaryFit>())!;
        Assert.Equal(150, fit.Customers.Count);
        Assert.All(fit.Customers, customer => Assert.InRange(customer.ProbabilityAlive, 0, 1));
    }

    [CdnowFact]
    public async Task The_published_cdnow_summary_fits_to_the_published_parameters_and_predictions()
    {
        var customers = CdnowConverter.SummaryRows()
            .Select(row => new { id = row.Id, frequency = row.Frequency, recency = row.Recency, T = row.Age, monetaryValue = row.MonetaryValue })
            .ToList();

        var response = await fixture.Client.PostAsJsonAsync(FitsPath, new { timeUnit = "weeks", predictionHorizon = 39, customers });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fit = (await response.Content.ReadFromJsonAsync<SummaryFit>())!;
        Assert.Equal(0.2426, fit.Model.Purchases.Value("r"), 3);
        Assert.Equal(4.41, fit.Model.Purchases.Value("alpha"), 2);
        Assert.Equal(0.793, fit.Model.Purchases.Value("a"), 3);
        Assert.Equal(2.43, fit.Model.Purchases.Value("b"), 2);
        Assert.Equal(-9582.43, fit.Model.Purchases.LogLikelihood, 2);
        Assert.Equal(6.25, fit.Model.Spend.Value("p"), 2);
        Assert.Equal(3.74, fit.Model.Spend.Value("q"), 1);
        Assert.Equal(15.4, fit.Model.Spend.Value("gamma"), 1);
        Assert.Equal(946, fit.Model.Spend.Customers);
        Assert.Equal(35.17, fit.PopulationMeanSpend, 1);
        Assert.All(fit.Model.Purchases.Parameters, estimate => Assert.True(estimate.StandardError > 0 && estimate.StandardError < estimate.Value));
        var customerOne = fit.Customers.Single(c => c.Id == "1");
        Assert.Equal(1.226, customerOne.ExpectedPurchases, 3);
        Assert.Equal(0.7266, customerOne.ProbabilityAlive, 3);
        Assert.Equal(customers.Count, fit.Customers.Count);
    }

    [Theory]
    [InlineData("no repeat buyers", """[{"id":"a","frequency":0,"recency":0,"T":30,"monetaryValue":0},{"id":"b","frequency":0,"recency":0,"T":20,"monetaryValue":0}]""")]
    [InlineData("one customer", """[{"id":"a","frequency":3,"recency":20,"T":30,"monetaryValue":12}]""")]
    [InlineData("zero spend", """[{"id":"a","frequency":2,"recency":20,"T":30,"monetaryValue":0},{"id":"b","frequency":1,"recency":5,"T":20,"monetaryValue":0},{"id":"c","frequency":0,"recency":0,"T":25,"monetaryValue":0}]""")]
    public async Task Degenerate_data_are_a_422_that_says_why_and_never_a_NaN(string because, string customers)
    {
        var response = await fixture.Client.PostAsync(FitsPath, Json($$"""{"timeUnit":"weeks","customers":{{customers}}}"""));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("NaN", body, StringComparison.Ordinal);
        Assert.True(body.Contains("\"detail\"", StringComparison.Ordinal), $"{because}: the problem explains itself: {body}");
    }

    [Theory]
    [InlineData("""{"customers":[]}""", "customers")]
    [InlineData("""{"customers":[{"id":"a","frequency":-1,"recency":0,"T":3}]}""", "customers[0].frequency")]
    [InlineData("""{"customers":[{"id":"a","frequency":1,"recency":0,"T":3},{"id":"b","frequency":1,"recency":5,"T":3}]}""", "customers[1].recency")]
    [InlineData("""{"customers":[{"id":"a","frequency":1,"recency":1,"T":0}]}""", "customers[0].T")]
    [InlineData("""{"customers":[{"frequency":1,"recency":1,"T":2}]}""", "customers[0].id")]
    [InlineData("""{"customers":[{"id":"a","frequency":1,"recency":1,"T":2,"monetaryValue":-5}]}""", "customers[0].monetaryValue")]
    [InlineData("""{"timeUnit":"years","customers":[{"id":"a","frequency":1,"recency":1,"T":2}]}""", "timeUnit")]
    [InlineData("""{"customers":[{"id":"a","frequency":1.5,"recency":1,"T":2}]}""", "customers[0].frequency")]
    public async Task Invalid_rows_are_a_400_naming_the_row_and_field(string body, string field)
    {
        var response = await fixture.Client.PostAsync(FitsPath, Json(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
