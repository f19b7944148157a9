using Crm.Profitability.Model.Lifetime;

namespace Crm.Profitability.Data;

/// <summary>The calibration summary of every customer who bought in the period, aligned by index with <see cref="CustomerIds"/>.</summary>
public sealed record CalibrationSummary(Guid[] CustomerIds, CustomerBaseSummary Customers, double[] MarginRates);
