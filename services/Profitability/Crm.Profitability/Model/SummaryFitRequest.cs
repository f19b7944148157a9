namespace Crm.Profitability.Model;

/// <summary>
/// An analyst's customer-base summary to fit: <see cref="TimeUnit"/> is what recency and T are counted in (weeks by
/// default), expected purchases are predicted over <see cref="PredictionHorizon"/> of those units, lifetime value
/// over <see cref="HorizonMonths"/> discounted at <see cref="MonthlyDiscountRate"/>.
/// </summary>
public sealed record SummaryFitRequest(
    string? TimeUnit,
    double? PredictionHorizon,
    int? HorizonMonths,
    double? MonthlyDiscountRate,
    IReadOnlyList<SummaryCustomer?>? Customers);

/// <summary>One customer of a posted summary: repeat purchase days, recency t_x, age T, mean spend of the repeat days.</summary>
public sealed record SummaryCustomer(string? Id, int? Frequency, double? Recency, double? T, double? MonetaryValue);
