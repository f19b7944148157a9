namespace Crm.Profitability.Model;

/// <summary>Configuration section <c>Profitability:LifetimeValue</c>: the scheduled scoring run and what a run publishes.</summary>
public sealed class LifetimeValueOptions
{
    public const string Section = "Profitability:LifetimeValue";

    /// <summary>How often the scores refresh on their own; zero turns the schedule off.</summary>
    public TimeSpan Schedule { get; set; } = TimeSpan.FromDays(1);

    public string TimeUnit { get; set; } = TimeUnits.Weeks;

    public int HorizonMonths { get; set; } = 12;

    public double MonthlyDiscountRate { get; set; } = 0.01;

    /// <summary>P(alive) below this is a high churn risk.</summary>
    public double HighChurnRiskBelow { get; set; } = 0.35;

    /// <summary>P(alive) below this (and not high) is a medium churn risk.</summary>
    public double MediumChurnRiskBelow { get; set; } = 0.7;

    /// <summary>A value (lifetime value or profit) has moved when it changed by more than this share of the old value...</summary>
    public decimal RelativeChange { get; set; } = 0.05m;

    /// <summary>...and by more than this amount (so pennies on tiny values publish nothing).</summary>
    public decimal AbsoluteChange { get; set; } = 1m;

    /// <summary>Customers written (with their events) per database transaction.</summary>
    public int ChunkSize { get; set; } = 10_000;

    public string ChurnRisk(double probabilityAlive) =>
        probabilityAlive < HighChurnRiskBelow ? Contracts.Profitability.ChurnRiskBands.High
        : probabilityAlive < MediumChurnRiskBelow ? Contracts.Profitability.ChurnRiskBands.Medium
        : Contracts.Profitability.ChurnRiskBands.Low;
}
