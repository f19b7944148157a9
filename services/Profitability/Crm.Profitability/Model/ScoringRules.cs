namespace Crm.Profitability.Model;

/// <summary>The settings every lifetime-value fit shares, checked the same way for runs and posted summaries.</summary>
public static class ScoringRules
{
    public const int MaxHorizonMonths = 120;

    /// <summary>
    /// The earliest calibration end that can have sales behind it: the customers service takes no transaction before
    /// 1970, so a run calibrated earlier could only fail with nothing to fit.
    /// </summary>
    public static readonly DateOnly EarliestCalibrationEnd = new(1970, 1, 1);

    public static void Validate(string? timeUnit, int? horizonMonths, double? monthlyDiscountRate, ValidationErrors errors)
    {
        if (timeUnit is not null && !TimeUnits.All.Contains(timeUnit))
        {
            errors.Add("timeUnit", $"must be one of {string.Join(", ", TimeUnits.All)}.");
        }

        if (horizonMonths is < 1 or > MaxHorizonMonths)
        {
            errors.Add("horizonMonths", $"must be between 1 and {MaxHorizonMonths}.");
        }

        if (monthlyDiscountRate is { } rate && (!double.IsFinite(rate) || rate < 0 || rate > 1))
        {
            errors.Add("monthlyDiscountRate", "must be between 0 and 1 (0.01 is 1% a month).");
        }
    }

    /// <summary>A run's settings with the configured defaults filled in; null (and errors) when the request is invalid.</summary>
    public static ScoringRunSettings? Settings(
        ScoringRequest? request, LifetimeValueOptions defaults, string currency, DateOnly today, ValidationErrors errors)
    {
        Validate(request?.TimeUnit, request?.HorizonMonths, request?.MonthlyDiscountRate, errors);
        var calibrationEnd = request?.CalibrationEnd ?? today.AddDays(-1);
        if (calibrationEnd > today)
        {
            errors.Add("calibrationEnd", "must not be in the future: the models learn from purchases that happened.");
        }
        else if (calibrationEnd < EarliestCalibrationEnd)
        {
            errors.Add("calibrationEnd", $"must be on or after {EarliestCalibrationEnd:yyyy-MM-dd}: no sale is recorded before then, so there would be nothing to fit.");
        }

        return errors.IsEmpty
            ? new ScoringRunSettings(
                calibrationEnd,
                request?.TimeUnit ?? defaults.TimeUnit,
                request?.HorizonMonths ?? defaults.HorizonMonths,
                request?.MonthlyDiscountRate ?? defaults.MonthlyDiscountRate,
                currency)
            : null;
    }
}
