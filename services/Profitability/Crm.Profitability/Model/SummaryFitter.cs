using Crm.Profitability.Model.Lifetime;

namespace Crm.Profitability.Model;

/// <summary>Fits both models to a posted summary and predicts for every customer in it.</summary>
public static class SummaryFitter
{
    /// <exception cref="ModelFitException">The data do not identify the models.</exception>
    public static SummaryFit Fit(SummaryFitRequest request, LifetimeValueOptions defaults)
    {
        var customers = request.Customers!.Select(c => c!).ToList();
        var summary = new CustomerBaseSummary(
            [.. customers.Select(c => c.Frequency!.Value)],
            [.. customers.Select(c => c.Recency!.Value)],
            [.. customers.Select(c => c.T!.Value)],
            [.. customers.Select(c => c.MonetaryValue ?? 0)]);
        var purchases = BgNbdModel.Fit(summary);
        var spend = GammaGammaModel.Fit(summary);

        var daysPerUnit = TimeUnits.DaysPer(request.TimeUnit ?? TimeUnits.Weeks);
        var horizonMonths = request.HorizonMonths ?? defaults.HorizonMonths;
        var predictionHorizon = request.PredictionHorizon ?? horizonMonths * ScoringOptions.DaysPerMonth / daysPerUnit;
        var scores = LifetimeValueScorer.Score(
            purchases.Parameters, spend.Parameters, summary,
            new ScoringOptions(horizonMonths, request.MonthlyDiscountRate ?? defaults.MonthlyDiscountRate, daysPerUnit));

        var predictions = new CustomerPrediction[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            var expected = BgNbdModel.ExpectedPurchases(purchases.Parameters, summary.Frequency[i], summary.Recency[i], summary.Age[i], predictionHorizon);
            predictions[i] = new CustomerPrediction(
                customers[i].Id!,
                Finite(expected),
                Finite(scores.ProbabilityAlive[i]),
                Finite(scores.ExpectedAverageSpend[i]),
                Finite(scores.LifetimeValue[i]),
                defaults.ChurnRisk(scores.ProbabilityAlive[i]));
        }

        return new SummaryFit(
            LifetimeValueModel.Of(purchases, spend), Finite(spend.Parameters.PopulationMeanSpend), predictionHorizon, horizonMonths, predictions);
    }

    // The models are built to stay finite; should a corner still escape, the analyst gets a 422, never a NaN.
    private static double Finite(double value) =>
        double.IsFinite(value) ? value : throw new ModelFitException("A prediction came out non-finite for these data; the fit is not usable.");
}
