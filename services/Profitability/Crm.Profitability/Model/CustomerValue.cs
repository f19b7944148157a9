namespace Crm.Profitability.Model;

/// <summary>
/// A customer's latest scores: what they are expected to be worth and how likely they are still a customer, with the
/// calibration summary they were computed from (repeat purchase days, recency and age in the run's time unit).
/// </summary>
public sealed record CustomerValue(
    Guid CustomerId,
    Guid RunId,
    decimal LifetimeValue,
    double ProbabilityAlive,
    double ExpectedPurchases,
    decimal ExpectedAverageSpend,
    decimal Profit,
    string ChurnRisk,
    int Frequency,
    double Recency,
    double Age,
    DateTimeOffset ScoredAt);
