using Crm.ServiceDefaults;

namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// What an earn rule must satisfy before it can give points. Errors are keyed by the request's camelCase field
/// (<c>pointsPerUnit</c>, <c>cap.maxPoints</c>, <c>target.skus[2]</c>) so a 400 problem says exactly what to fix; a
/// field that the rule's kind does not use is an error too, because a rule that silently ignores part of its
/// definition would pay out something other than what its author meant.
/// </summary>
public static class EarnRuleDefinition
{
    private const int MaxNameLength = 100;
    private const int MaxTargetNames = 200;
    private const decimal MaxPointsPerUnit = 10_000m;
    private const decimal MaxFactor = 100m;
    private const long MaxBonusPoints = 100_000_000;
    private const int MaxNth = 10_000;

    /// <summary>Null when the request defines a valid rule, else every problem by field.</summary>
    public static ValidationErrors? Validate(EarnRuleRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add("name", "is required.");
        }
        else if (request.Name.Trim().Length > MaxNameLength || request.Name.Any(char.IsControl))
        {
            errors.Add("name", $"must be at most {MaxNameLength} printable characters.");
        }

        if (request.EffectiveFrom is not { } from)
        {
            errors.Add("effectiveFrom", "is required: when the rule starts to apply.");
        }
        else if (RequestTimes.CheckNotBefore1970(errors, "effectiveFrom", from) && request.EffectiveTo is { } to && to <= from)
        {
            errors.Add("effectiveTo", "must be after effectiveFrom (the rule applies from effectiveFrom up to, not including, effectiveTo).");
        }

        CheckTarget(request.Target, request.Kind, errors);
        CheckCap(request.Cap, errors);
        if (request.Period is { } period && !Enum.IsDefined(period))
        {
            errors.Add("period", "must be day, week, month, quarter, year or lifetime.");
        }

        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add("kind", "is required: base, multiplier, threshold, frequency or event.");
            return errors;
        }

        CheckKind(request, kind, errors);
        return errors.IsEmpty ? null : errors;
    }

    private static void CheckKind(EarnRuleRequest request, EarnRuleKind kind, ValidationErrors errors)
    {
        var rule = kind.ToString().ToLowerInvariant() + " rule";
        Check(errors, "pointsPerUnit", request.PointsPerUnit, kind == EarnRuleKind.Base, rule,
            "the points per currency unit of net spend (e.g. 1).",
            value => value > 0 && value <= MaxPointsPerUnit, $"must be more than 0 and at most {MaxPointsPerUnit}.");
        Check(errors, "factor", request.Factor, kind == EarnRuleKind.Multiplier, rule,
            "the multiple of base points (2 = double points, 3 = triple).",
            value => value > 1 && value <= MaxFactor, $"must be more than 1 (2 = double points) and at most {MaxFactor}.");
        Check(errors, "spendThreshold", request.SpendThreshold, kind == EarnRuleKind.Threshold, rule,
            "the spend in the period that earns the bonus.",
            value => value > 0, "must be more than 0.");
        Check(errors, "nth", request.Nth, kind == EarnRuleKind.Frequency, rule,
            "which purchase in the period earns the bonus (e.g. 5 for the fifth).",
            value => value is >= 1 and <= MaxNth, $"must be from 1 to {MaxNth}.");
        Check(errors, "bonusPoints", request.BonusPoints, kind is EarnRuleKind.Threshold or EarnRuleKind.Frequency or EarnRuleKind.Event, rule,
            "the points the rule gives.",
            value => value is >= 1 and <= MaxBonusPoints, $"must be a whole number of points from 1 to {MaxBonusPoints}.");

        var counts = kind is EarnRuleKind.Threshold or EarnRuleKind.Frequency;
        if (request.Period is null && counts)
        {
            errors.Add("period", $"is required for a {rule}: the calendar period spend or purchases are counted over (day, week, month, quarter, year or lifetime).");
        }
        else if (request.Period is not null && !counts)
        {
            errors.Add("period", "applies only to threshold and frequency rules.");
        }

        if (request.Repeat == true && !counts)
        {
            errors.Add("repeat", "applies only to threshold and frequency rules.");
        }

        if (kind == EarnRuleKind.Event)
        {
            if (string.IsNullOrWhiteSpace(request.EventType))
            {
                errors.Add("eventType", $"is required for an event rule: one of {string.Join(", ", EarningEventTypes.All)}.");
            }
            else if (EarningEventTypes.Normalize(request.EventType) is null)
            {
                errors.Add("eventType", $"'{request.EventType}' is not an event rules can reward: use one of {string.Join(", ", EarningEventTypes.All)}.");
            }
        }
        else if (request.EventType is not null)
        {
            errors.Add("eventType", "applies only to event rules.");
        }
    }

    private static void Check<T>(ValidationErrors errors, string field, T? value, bool used, string rule, string meaning,
        Func<T, bool> valid, string range)
        where T : struct
    {
        if (value is not { } given)
        {
            if (used)
            {
                errors.Add(field, $"is required for a {rule}: {meaning}");
            }
        }
        else if (!used)
        {
            errors.Add(field, $"does not apply to a {rule}.");
        }
        else if (!valid(given))
        {
            errors.Add(field, range);
        }
    }

    private static void CheckTarget(RuleTarget? target, EarnRuleKind? kind, ValidationErrors errors)
    {
        if (target is null)
        {
            return;
        }

        Names(errors, "target.segments", target.Segments, allowed: true);
        Names(errors, "target.tiers", target.Tiers, allowed: true);
        // An event has no channel and no basket: such a target would make an event rule never or always apply unnoticed.
        var purchase = kind != EarnRuleKind.Event;
        Names(errors, "target.channels", target.Channels, purchase);
        Names(errors, "target.categories", target.Categories, purchase);
        Names(errors, "target.skus", target.Skus, purchase);
    }

    private static void Names(ValidationErrors errors, string field, IReadOnlyList<string>? names, bool allowed)
    {
        if (names is not { Count: > 0 })
        {
            return;
        }

        if (!allowed)
        {
            errors.Add(field, "does not apply to an event rule (events have no channel or basket).");
            return;
        }

        if (names.Count > MaxTargetNames)
        {
            errors.Add(field, $"may list at most {MaxTargetNames} names.");
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]) || names[i].Trim().Length > MaxNameLength || names[i].Any(char.IsControl))
            {
                errors.Add($"{field}[{i}]", $"must be a name of 1 to {MaxNameLength} printable characters.");
            }
        }
    }

    private static void CheckCap(PointsCapRequest? cap, ValidationErrors errors)
    {
        if (cap is null)
        {
            return;
        }

        if (cap.MaxPoints is not >= 1)
        {
            errors.Add("cap.maxPoints", "is required and must be at least 1: the most points the rule gives a customer per period.");
        }

        if (cap.Period is not { } period || !Enum.IsDefined(period))
        {
            errors.Add("cap.period", "is required: day, week, month, quarter, year or lifetime.");
        }
    }
}
