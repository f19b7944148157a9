namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// One version of an earn rule: how many points which customers get for what, while it is in effect.
/// Which fields matter depends on <see cref="Kind"/>:
/// Base uses <see cref="PointsPerUnit"/> (points per currency unit of targeted net spend);
/// Multiplier uses <see cref="Factor"/> (2 = double, 3 = triple) and gives (Factor − 1) × the base points the base
/// rules gave (after rounding and caps) on the spend it targets, as its own award;
/// Threshold gives <see cref="BonusPoints"/> once when the customer's targeted spend within <see cref="Period"/> crosses
/// <see cref="SpendThreshold"/> (with <see cref="Repeat"/>, once per multiple of the threshold crossed);
/// Frequency gives <see cref="BonusPoints"/> on the <see cref="Nth"/> purchase in <see cref="Period"/> (with
/// <see cref="Repeat"/>, on every Nth) — counting every purchase, or, when the rule is restricted to channels,
/// categories or skus, only the purchases it covers (a punch card: "every 10th coffee");
/// Event gives <see cref="BonusPoints"/> for an event of <see cref="EventType"/> (see <see cref="EarningEventTypes"/>).
/// Rules run in <see cref="Priority"/> order (then by name), multipliers after the base rules whatever their priority;
/// <see cref="StopAfter"/> on a rule that gave points ends the evaluation of that purchase or event.
/// </summary>
public sealed record EarnRule(
    Guid Id,
    int Version,
    string Name,
    EarnRuleKind Kind,
    int Priority,
    bool StopAfter,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    RuleTarget Target,
    PointsCap? Cap,
    decimal? PointsPerUnit,
    decimal? Factor,
    decimal? SpendThreshold,
    CalendarPeriod? Period,
    int? Nth,
    bool Repeat,
    long? BonusPoints,
    string? EventType)
{
    /// <summary>Whether the rule covers something that happened at <paramref name="at"/>: EffectiveFrom ≤ at &lt; EffectiveTo.</summary>
    public bool IsInEffect(DateTimeOffset at) => EffectiveFrom <= at && (EffectiveTo is not { } to || at < to);
}
