namespace Crm.Profitability.Model.Lifetime;

/// <summary>How far ahead lifetime value looks and how future money is discounted.</summary>
/// <param name="HorizonMonths">Months of future purchases counted; a month is 365.25/12 days.</param>
/// <param name="MonthlyDiscountRate">d in 1/(1+d)^m for money received in month m; 0 for no discounting.</param>
/// <param name="DaysPerTimeUnit">Days in the time unit the summary's recency and age are in (7 for weeks).</param>
public sealed record ScoringOptions(int HorizonMonths, double MonthlyDiscountRate, double DaysPerTimeUnit)
{
    public const double DaysPerMonth = 365.25 / 12;
}
