namespace Crm.Profitability.Model;

/// <summary>A scoring run (a job): its settings, progress and, once fitted, the model.</summary>
public sealed record ScoringRun(
    Guid Id,
    string Status,
    string Trigger,
    DateOnly CalibrationEnd,
    string TimeUnit,
    int HorizonMonths,
    double MonthlyDiscountRate,
    string Currency,
    int CustomersTotal,
    int CustomersScored,
    int CustomersChanged,
    LifetimeValueModel? Model,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
