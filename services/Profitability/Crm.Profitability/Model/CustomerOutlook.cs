namespace Crm.Profitability.Model;

/// <summary>A customer's expected purchases over any horizon (in the run's time unit), from their latest run's model.</summary>
public sealed record CustomerOutlook(Guid CustomerId, Guid RunId, string TimeUnit, double Horizon, double ExpectedPurchases, double ProbabilityAlive);
