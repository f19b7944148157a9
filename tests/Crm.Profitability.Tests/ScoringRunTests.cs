using System.Net;
using System.Net.Http.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Profitability.Model;
using Crm.Testing;
using Crm.Testing.Cdnow;
using static Crm.Profitability.Tests.ProfitabilityFixture;

namespace Crm.Profitability.Tests;

/// <summary>
/// Scoring runs over the stored sales: the CDNOW sample's 6,919 purchases arrive as transaction events, a run fits
/// the models with calibration end 1997-09-30 in weeks, and every customer's value is stored and announced once.
/// </summary>
public sealed class ScoringRunTests(ProfitabilityFixture fixture) : IClassFixture<ProfitabilityFixture>
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    [CdnowFact]
    public async Task A_run_over_the_cdnow_sample_reproduces_the_published_fit_and_announces_only_values_that_moved()
    {
        var customers = await PublishSampleAsync();

        var first = await RunAsync();

        Assert.Equal(ScoringRunStatus.Succeeded, first.Status);
        Assert.Equal(2_357, first.CustomersTotal);
        Assert.Equal(2_357, first.CustomersScored);
        Assert.Equal(2_357, first.CustomersChanged);
        AssertSignificant(0.2426, first.Model!.Purchases.Value("r"));
        AssertSignificant(4.4135, first.Model.Purchases.Value("alpha"));
        AssertSignificant(0.7929, first.Model.Purchases.Value("a"));
        AssertSignificant(2.4258, first.Model.Purchases.Value("b"));
        AssertSignificant(6.2488, first.Model.Spend.Value("p"));
        AssertSignificant(3.7446, first.Model.Spend.Value("q"));
        AssertSignificant(15.4478, first.Model.Spend.Value("gamma"));
        Assert.Equal(2_357, await AnnouncedAsync());

        var customerOne = await fixture.GetAsync<CustomerValue>($"/api/profitability/customers/{customers["0001"]}/value");
        Assert.Equal((2, 38.86), (customerOne.Frequency, Math.Round(customerOne.Age, 2)));
        Assert.Equal(0.7266, customerOne.ProbabilityAlive, 3);
        var outlook = await fixture.GetAsync<CustomerOutlook>($"/api/profitability/customers/{customers["0001"]}/value/outlook?horizon=39");
        Assert.Equal(1.226, outlook.ExpectedPurchases, 3);

        // Nothing changed: a second run stores fresh scores and announces no one.
        var second = await RunAsync();
        Assert.Equal((2_357, 0), (second.CustomersScored, second.CustomersChanged));
        Assert.Equal(2_357, await AnnouncedAsync());
    }

    [Fact]
    public async Task A_run_with_nothing_to_fit_fails_with_the_reason()
    {
        var run = await RunAsync(new ScoringRequest(new DateOnly(1990, 1, 1), TimeUnits.Weeks, 12, 0.01));

        Assert.Equal(ScoringRunStatus.Failed, run.Status);
        Assert.Contains("nothing to fit", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"timeUnit":"fortnights"}""", "timeUnit")]
    [InlineData("""{"horizonMonths":0}""", "horizonMonths")]
    [InlineData("""{"monthlyDiscountRate":-0.1}""", "monthlyDiscountRate")]
    [InlineData("""{"calibrationEnd":"2999-01-01"}""", "calibrationEnd")]
    [InlineData("""{"calibrationEnd":"1900-01-01"}""", "calibrationEnd")]
    [InlineData("""{"calibrationEnd":"1969-12-31"}""", "calibrationEnd")]
    public async Task A_bad_run_request_is_a_problem_and_starts_nothing(string body, string field)
    {
        var before = await fixture.ScalarAsync<long>("select count(*) from scoring_runs");

        var response = await fixture.Client.PostAsync("/api/profitability/lifetime-value/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await fixture.ScalarAsync<long>("select count(*) from scoring_runs"));
    }

    private static void AssertSignificant(double published, double fitted) =>
        Assert.True(Math.Abs(fitted - published) <= 0.5 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(published))) - 2),
            $"fitted {fitted} differs from the published {published} in the first three significant digits");

    /// <summary>The sample's purchases as the customers service would announce them, a thousand per event.</summary>
    private async Task<Dictionary<string, Guid>> PublishSampleAsync()
    {
        var customers = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var transactions = CdnowConverter.Rows(CdnowConverter.SampleFile).Select(purchase =>
        {
            if (!customers.TryGetValue(purchase.CustomerId, out var customerId))
            {
                customers[purchase.CustomerId] = customerId = Guid.NewGuid();
            }

            var occurredAt = new DateTimeOffset(purchase.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return Sale(customerId, occurredAt, purchase.DollarValue);
        }).ToList();
        foreach (var batch in transactions.Chunk(1_000))
        {
            await fixture.PublishAsync(Transactions(batch));
        }

        await Eventually.ReturnsAsync(() => fixture.ScalarAsync<long>("select count(*) from transaction_facts"), stored => stored == transactions.Count,
            TimeSpan.FromMinutes(1), "for the sample's purchases to arrive");
        return customers;
    }

    private async Task<ScoringRun> RunAsync(ScoringRequest? request = null)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/profitability/lifetime-value/runs", request ?? new ScoringRequest(CalibrationEnd, TimeUnits.Weeks, 12, 0.01));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!;
        return await Eventually.ReturnsAsync(
            () => fixture.GetAsync<ScoringRun>(location.ToString()),
            run => run.Status is ScoringRunStatus.Succeeded or ScoringRunStatus.Failed,
            TimeSpan.FromMinutes(1), "for the scoring run");
    }

    /// <summary>Customers announced so far: the items of every CustomerValuesUpdated in the outbox.</summary>
    private Task<long> AnnouncedAsync() => fixture.ScalarAsync<long>(
        "select coalesce(sum(json_array_length(payload::json->'customers')), 0) from outbox where message_type like '%CustomerValuesUpdated%'");
}
