namespace Crm.Contracts.Profitability;

/// <summary>
/// A customer's value as the latest scoring run sees it, published only when it moved: lifetime value over
/// <see cref="HorizonMonths"/> (discounted, in <see cref="Currency"/>), the probability the customer is still active,
/// expected purchases over the same horizon, profit to date from the customer's P&amp;L, and a churn-risk band
/// (<see cref="ChurnRiskBands"/>).
/// </summary>
public sealed record CustomerValueUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    decimal LifetimeValue,
    double ProbabilityAlive,
    double ExpectedPurchases,
    decimal Profit,
    string Currency,
    string ChurnRisk,
    int HorizonMonths) : ICustomerEvent;
