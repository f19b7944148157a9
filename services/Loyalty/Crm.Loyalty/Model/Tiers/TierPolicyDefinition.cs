using Crm.Loyalty.Model.Earning;
using Crm.ServiceDefaults;

namespace Crm.Loyalty.Model.Tiers;

/// <summary>What a tier policy must satisfy; errors are keyed by the camelCase field (<c>levels[2].threshold</c>).</summary>
public static class TierPolicyDefinition
{
    // Per-day qualifying counts are kept this long (housekeeping prunes older ones).
    public const int MaxWindowDays = 1_000;
    private const int MaxLevels = 20;
    private const int MaxNameLength = 100;

    /// <summary>Null when the policy is valid, else every problem by field.</summary>
    public static ValidationErrors? Validate(TierPolicy policy)
    {
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(policy.QualifyOn))
        {
            errors.Add("qualifyOn", "must be pointsEarned or spend.");
        }

        if (policy.WindowDays is < 1 or > MaxWindowDays)
        {
            errors.Add("windowDays", $"must be from 1 to {MaxWindowDays} days: the rolling window the qualifying amount is counted over.");
        }

        CheckLevels(policy.Levels, errors);
        CheckDowngrade(policy, errors);
        return errors.IsEmpty ? null : errors;
    }

    private static void CheckLevels(IReadOnlyList<TierLevel>? levels, ValidationErrors errors)
    {
        if (levels is not { Count: > 0 and <= MaxLevels })
        {
            errors.Add("levels", $"must list 1 to {MaxLevels} tiers, from the entry tier (threshold 0) upwards.");
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            if (level is null)
            {
                errors.Add($"levels[{i}]", "must be a tier with a name and a threshold.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(level.Name) || level.Name.Length > MaxNameLength || level.Name.Any(char.IsControl))
            {
                errors.Add($"levels[{i}].name", $"must be a name of 1 to {MaxNameLength} printable characters.");
            }
            else if (!names.Add(level.Name.Trim()))
            {
                errors.Add($"levels[{i}].name", $"'{level.Name}' is listed twice.");
            }

            if (i == 0 && level.Threshold != 0)
            {
                errors.Add("levels[0].threshold", "must be 0: the first level is the entry tier every member starts in.");
            }
            else if (i > 0 && levels[i - 1] is { } lower && level.Threshold <= lower.Threshold)
            {
                errors.Add($"levels[{i}].threshold", $"must be more than the threshold of {lower.Name} ({lower.Threshold}): levels go upwards.");
            }
        }
    }

    private static void CheckDowngrade(TierPolicy policy, ValidationErrors errors)
    {
        switch (policy.Downgrade)
        {
            case DowngradePolicy.None:
                break;
            case DowngradePolicy.AtPeriodEnd:
                if (policy.DowngradePeriod is not { } period || !Enum.IsDefined(period) || period == CalendarPeriod.Lifetime)
                {
                    errors.Add("downgradePeriod", "is required when downgrading at period end: day, week, month, quarter or year.");
                }

                break;
            case DowngradePolicy.AfterDays:
                if (policy.DowngradeAfterDays is not (>= 1 and <= MaxWindowDays))
                {
                    errors.Add("downgradeAfterDays", $"is required when downgrading after days and must be from 1 to {MaxWindowDays}.");
                }

                break;
            default:
                errors.Add("downgrade", "must be none, atPeriodEnd or afterDays.");
                break;
        }

        if (policy.Downgrade != DowngradePolicy.AfterDays && policy.DowngradeAfterDays is not null)
        {
            errors.Add("downgradeAfterDays", "applies only when downgrade is afterDays.");
        }

        if (policy.Downgrade != DowngradePolicy.AtPeriodEnd && policy.DowngradePeriod is not null)
        {
            errors.Add("downgradePeriod", "applies only when downgrade is atPeriodEnd.");
        }
    }
}
