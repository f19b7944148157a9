namespace Crm.Profitability.Model;

/// <summary>A scoring run's settings once defaults are filled in and checked.</summary>
public sealed record ScoringRunSettings(DateOnly CalibrationEnd, string TimeUnit, int HorizonMonths, double MonthlyDiscountRate, string Currency);
