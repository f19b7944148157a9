namespace Crm.Profitability.Model;

/// <summary>The fitted models and every posted customer's predictions.</summary>
public sealed record SummaryFit(
    LifetimeValueModel Model,
    double PopulationMeanSpend,
    double PredictionHorizon,
    int HorizonMonths,
    IReadOnlyList<CustomerPrediction> Customers);

/// <summary>
/// <see cref="ExpectedPurchases"/> over the prediction horizon; <see cref="LifetimeValue"/> is expected spend over the
/// lifetime-value horizon, discounted.
/// </summary>
public sealed record CustomerPrediction(
    string Id,
    double ExpectedPurchases,
    double ProbabilityAlive,
    double ExpectedAverageSpend,
    double LifetimeValue,
    string ChurnRisk);
