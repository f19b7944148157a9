using Crm.Data;
using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Profitability.Model.Lifetime;
using Microsoft.Extensions.Options;

namespace Crm.Profitability.Scoring;

/// <summary>
/// One scoring run: summarise the stored sales, fit BG/NBD and Gamma-Gamma, score every customer, add their profit
/// to date, and store the values a chunk at a time, announcing the customers whose value moved.
/// </summary>
public sealed class ScoringRunner(
    CalibrationSummaryQuery summaries,
    PnlQueries pnl,
    CustomerValueStore values,
    ScoringRunStore runs,
    IOptions<LifetimeValueOptions> options,
    TimeProvider clock)
{
    /// <exception cref="ModelFitException">The stored data do not identify the models (the run fails with this message).</exception>
    public async Task RunAsync(ScoringRun run, CancellationToken cancellationToken)
    {
        var settings = new ScoringRunSettings(run.CalibrationEnd, run.TimeUnit, run.HorizonMonths, run.MonthlyDiscountRate, run.Currency);
        var summary = await summaries.ReadAsync(settings, cancellationToken);
        if (summary.CustomerIds.Length == 0)
        {
            throw new ModelFitException($"No customer bought in {settings.Currency} up to {settings.CalibrationEnd:yyyy-MM-dd}: there is nothing to fit.");
        }

        var (purchases, spend, scores) = await Task.Run(() => FitAndScore(summary, settings), cancellationToken);
        await runs.FittedAsync(run.Id, LifetimeValueModel.Of(purchases, spend), summary.CustomerIds.Length, cancellationToken);

        var now = clock.GetStoredUtcNow();
        var profits = await pnl.ProfitsAsync(new PnlPeriod(PnlPeriod.Beginning, now, settings.Currency), cancellationToken);
        var thresholds = options.Value;
        foreach (var chunk in Enumerable.Range(0, summary.CustomerIds.Length).Chunk(thresholds.ChunkSize))
        {
            var chunkValues = chunk.Select(i => new CustomerValue(
                summary.CustomerIds[i],
                run.Id,
                Money.Cents((decimal)scores.LifetimeValue[i]),
                scores.ProbabilityAlive[i],
                scores.ExpectedPurchases[i],
                Money.Cents((decimal)scores.ExpectedAverageSpend[i]),
                profits.GetValueOrDefault(summary.CustomerIds[i]),
                thresholds.ChurnRisk(scores.ProbabilityAlive[i]),
                summary.Customers.Frequency[i],
                summary.Customers.Recency[i],
                summary.Customers.Age[i],
                now)).ToList();
            var moved = await values.WriteAsync(chunkValues, settings, thresholds, now, cancellationToken);
            await runs.ProgressAsync(run.Id, chunk.Length, moved, cancellationToken);
        }
    }

    private static (BgNbdFit, GammaGammaFit, CustomerBaseScores) FitAndScore(CalibrationSummary summary, ScoringRunSettings settings)
    {
        var purchases = BgNbdModel.Fit(summary.Customers);
        var spend = GammaGammaModel.Fit(summary.Customers);
        var scores = LifetimeValueScorer.Score(
            purchases.Parameters, spend.Parameters, summary.Customers,
            new ScoringOptions(settings.HorizonMonths, settings.MonthlyDiscountRate, TimeUnits.DaysPer(settings.TimeUnit)),
            summary.MarginRates);
        return (purchases, spend, scores);
    }
}
