namespace Crm.Profitability.Model;

/// <summary>
/// A scoring run as asked for: fit on the sales up to and including <see cref="CalibrationEnd"/> (default today),
/// recency and age in <see cref="TimeUnit"/>, lifetime value over <see cref="HorizonMonths"/> discounted at
/// <see cref="MonthlyDiscountRate"/>. Omitted values come from the service's configuration.
/// </summary>
public sealed record ScoringRequest(DateOnly? CalibrationEnd, string? TimeUnit, int? HorizonMonths, double? MonthlyDiscountRate);
