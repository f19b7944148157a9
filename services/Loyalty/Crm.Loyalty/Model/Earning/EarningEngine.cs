using System.Globalization;

namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// Decides the points a purchase or an event earns under a set of earn rules, and which rule gave each award.
/// <para>
/// Only the latest version of each rule (highest <see cref="EarnRule.Version"/> per <see cref="EarnRule.Id"/>) takes part,
/// and only while it is in effect at the time of the purchase or event. Rules run by <see cref="EarnRule.Priority"/>
/// ascending, then by name (ordinal), then by id — except that a multiplier, which multiplies base points, runs after
/// the last base rule whatever its priority, but never past a threshold or frequency rule with
/// <see cref="EarnRule.StopAfter"/> ordered after it: then after the last base rule before that one (multipliers keep
/// their order among themselves). A rule with
/// <see cref="EarnRule.StopAfter"/> that gave points stops the rules after it; one that gave nothing (not in scope,
/// below its threshold, capped out) does not.
/// </para>
/// <para>
/// Rounding: every award is rounded down to whole points on its own (1.5 points per unit on 33.33 gives 49), and
/// awards of zero points are not returned. Caps cut an award to what is left of the cap in its period.
/// </para>
/// <para>
/// Counters: each purchase with a positive net amount counts once in every period's purchase counter, whichever
/// rules apply; threshold rules add their targeted spend and targeted frequency rules their purchases for every
/// purchase they cover — even when an earlier rule stopped the evaluation, because spend and visits are facts about
/// the customer, not rewards. Purchases with a net amount of zero or less earn nothing and count nothing (returns are
/// handled by <see cref="ReturnReversal"/>, not here).
/// </para>
/// </summary>
public sealed class EarningEngine
{
    private readonly EarnRule[] _rules;

    // Only the periods some frequency rule counts every purchase in: a count nobody reads is a row written per
    // customer and period for nothing (a rule added later counts from when it is added).
    private readonly CalendarPeriod[] _countedPeriods;

    public EarningEngine(IReadOnlyList<EarnRule> rules)
    {
        _rules = MultipliersAfterBaseRules(rules
            .GroupBy(rule => rule.Id)
            .Select(versions => versions.MaxBy(rule => rule.Version)!)
            .OrderBy(rule => rule.Priority)
            .ThenBy(rule => rule.Name, StringComparer.Ordinal)
            .ThenBy(rule => rule.Id)
            .ToArray());
        _countedPeriods = [.. _rules
            .Where(rule => rule.Kind == EarnRuleKind.Frequency && !rule.Target.RestrictsPurchases && rule.Period is not null)
            .Select(rule => rule.Period!.Value)
            .Distinct()];
    }

    /// <summary>The rules taking part, in the order they are evaluated.</summary>
    public IReadOnlyList<EarnRule> Rules => _rules;

    /// <summary>The points a purchase earns, in evaluation order; updates the customer's counters.</summary>
    public IReadOnlyList<PointsAward> Earn(EarningCustomer customer, EarningTransaction transaction, EarningCounters counters)
    {
        if (transaction.NetAmount <= 0)
        {
            return [];
        }

        var at = transaction.OccurredAt;
        foreach (var period in _countedPeriods)
        {
            counters.Add(CounterKeys.Purchases(period, at), 1);
        }

        var awards = new List<PointsAward>();
        var baseAwards = new List<(SpendScope Scope, long Points)>();
        var stopped = false;
        foreach (var rule in _rules)
        {
            if (rule.Kind == EarnRuleKind.Event || !rule.IsInEffect(at) || !rule.Target.Includes(customer)
                || !rule.Target.IncludesChannel(transaction.Channel))
            {
                continue;
            }

            var scope = SpendScope.Of(rule.Target, transaction);
            var (points, explanation) = rule.Kind switch
            {
                EarnRuleKind.Base => Base(rule, scope),
                EarnRuleKind.Multiplier => Multiply(rule, scope, baseAwards),
                EarnRuleKind.Threshold => CrossThreshold(rule, scope, at, counters),
                EarnRuleKind.Frequency => CountPurchase(rule, scope, at, counters),
                _ => (0m, ""),
            };

            if (stopped || Give(rule, points, explanation, at, counters) is not { } award)
            {
                continue;
            }

            awards.Add(award);
            if (rule.Kind == EarnRuleKind.Base)
            {
                baseAwards.Add((scope, award.Points));
            }

            stopped = rule.StopAfter;
        }

        return awards;
    }

    /// <summary>The points a business event earns under the event rules for its type; updates cap counters.</summary>
    public IReadOnlyList<PointsAward> Award(EarningCustomer customer, EarningEvent earningEvent, EarningCounters counters)
    {
        var awards = new List<PointsAward>();
        foreach (var rule in _rules)
        {
            if (rule.Kind != EarnRuleKind.Event || !rule.IsInEffect(earningEvent.OccurredAt) || !rule.Target.Includes(customer)
                || !string.Equals(rule.EventType, earningEvent.EventType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var bonus = rule.BonusPoints ?? 0;
            if (Give(rule, bonus, Text($"{earningEvent.EventType} event: {bonus} bonus points"), earningEvent.OccurredAt, counters) is not { } award)
            {
                continue;
            }

            awards.Add(award);
            if (rule.StopAfter)
            {
                break;
            }
        }

        return awards;
    }

    // A "double points" rule left at the default priority would otherwise run before the base rules and double nothing.
    // Moving it past a bonus rule that stops the evaluation would instead cancel it whenever that bonus pays, so it
    // goes no further than the last base rule before such a rule (a stopAfter base rule still stops it: it is base).
    private static EarnRule[] MultipliersAfterBaseRules(EarnRule[] ordered)
    {
        var runsAfter = new int[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            runsAfter[i] = i;
            if (ordered[i].Kind == EarnRuleKind.Multiplier)
            {
                var stop = Array.FindIndex(ordered, i + 1, rule => rule.StopAfter && rule.Kind is EarnRuleKind.Threshold or EarnRuleKind.Frequency);
                var end = stop < 0 ? ordered.Length : stop;
                var lastBase = Array.FindLastIndex(ordered, end - 1, end - 1 - i, rule => rule.Kind == EarnRuleKind.Base);
                runsAfter[i] = Math.Max(lastBase, i);
            }
        }

        var moved = ordered.Index().Where(rule => runsAfter[rule.Index] != rule.Index).ToLookup(rule => runsAfter[rule.Index], rule => rule.Item);
        return [.. ordered.Index().Where(rule => runsAfter[rule.Index] == rule.Index).SelectMany(rule => moved[rule.Index].Prepend(rule.Item))];
    }

    private static (decimal Points, string Explanation) Base(EarnRule rule, SpendScope scope)
    {
        var perUnit = rule.PointsPerUnit ?? 0m;
        return (perUnit * scope.Spend, Text($"{Amount(perUnit)} {(perUnit == 1 ? "point" : "points")} per unit of {Amount(scope.Spend)} {SpendName(rule.Target)}"));
    }

    private static (decimal Points, string Explanation) Multiply(EarnRule rule, SpendScope scope, List<(SpendScope Scope, long Points)> baseAwards)
    {
        var basePoints = baseAwards.Sum(earlier => earlier.Points * earlier.Scope.ShareAlsoIn(scope));
        var factor = rule.Factor ?? 1m;
        return ((factor - 1m) * basePoints,
            Text($"×{Amount(factor)} on {SpendName(rule.Target)}: {Amount(factor - 1m)} × {Amount(basePoints)} base points earned on it"));
    }

    private static (decimal Points, string Explanation) CrossThreshold(EarnRule rule, SpendScope scope, DateTimeOffset at, EarningCounters counters)
    {
        var period = rule.Period ?? CalendarPeriod.Lifetime;
        var key = CounterKeys.TargetedSpend(rule.Id, period, at);
        var before = counters.Get(key);
        if (scope.Spend <= 0 || rule.SpendThreshold is not > 0m)
        {
            return (0m, "");
        }

        counters.Add(key, scope.Spend);
        var after = before + scope.Spend;
        var threshold = rule.SpendThreshold.Value;
        var crossings = rule.Repeat
            ? decimal.Floor(after / threshold) - decimal.Floor(before / threshold)
            : before < threshold && after >= threshold ? 1m : 0m;
        var bonus = rule.BonusPoints ?? 0;
        return (crossings * bonus, Text(
            $"{SpendName(rule.Target)} in {PeriodKeys.For(period, at)} went from {Amount(before)} to {Amount(after)}, crossing {Amount(threshold)} {Times(crossings)}: {crossings} × {bonus} bonus points"));
    }

    private static (decimal Points, string Explanation) CountPurchase(EarnRule rule, SpendScope scope, DateTimeOffset at, EarningCounters counters)
    {
        var period = rule.Period ?? CalendarPeriod.Lifetime;
        var nth = rule.Nth ?? 0;
        if (nth < 1)
        {
            return (0m, "");
        }

        decimal count;
        if (rule.Target.RestrictsPurchases)
        {
            // A punch card ("every 10th coffee"): only the purchases the rule covers count towards it.
            if (scope.Spend <= 0)
            {
                return (0m, "");
            }

            var key = CounterKeys.RulePurchases(rule.Id, period, at);
            counters.Add(key, 1);
            count = counters.Get(key);
        }
        else
        {
            count = counters.Get(CounterKeys.Purchases(period, at));
        }

        var hit = rule.Repeat ? count % nth == 0 : count == nth;
        var bonus = rule.BonusPoints ?? 0;
        return (hit ? bonus : 0m, Text(
            $"purchase {count} in {PeriodKeys.For(period, at)}, {(rule.Repeat ? "every" : "the")} {Ordinal(nth)} purchase earns {bonus} bonus points"));
    }

    private static PointsAward? Give(EarnRule rule, decimal points, string explanation, DateTimeOffset at, EarningCounters counters)
    {
        var whole = points <= 0 ? 0L : decimal.ToInt64(decimal.Floor(points));
        if (whole == 0)
        {
            return null;
        }

        explanation += whole == points ? Text($" = {whole} points") : Text($" = {Amount(points)}, rounded down to {whole} points");
        if (rule.Cap is { } cap)
        {
            var key = CounterKeys.RulePoints(rule.Id, cap.Period, at);
            var left = Math.Max(0L, cap.MaxPoints - decimal.ToInt64(counters.Get(key)));
            if (whole > left)
            {
                explanation += Text($", capped to {left} (at most {cap.MaxPoints} per {PeriodKeys.For(cap.Period, at)})");
                whole = left;
            }

            if (whole == 0)
            {
                return null;
            }

            counters.Add(key, whole);
        }

        return new PointsAward(rule.Id, rule.Version, rule.Name, rule.Kind, whole, explanation);
    }

    private static string SpendName(RuleTarget target)
    {
        if (!target.RestrictsLines)
        {
            return "net spend";
        }

        var listed = (target.Categories ?? []).Concat(target.Skus ?? []);
        return "spend on " + string.Join(", ", listed);
    }

    private static string Times(decimal crossings) => crossings == 1 ? "once" : Text($"{crossings} times");

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => Text($"{n}th"),
        _ => (n % 10) switch
        {
            1 => Text($"{n}st"),
            2 => Text($"{n}nd"),
            3 => Text($"{n}rd"),
            _ => Text($"{n}th"),
        },
    };

    // Trailing zeros of decimal arithmetic (2.000) say nothing to a reader.
    private static string Amount(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
