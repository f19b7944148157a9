namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// An earn rule as posted (JSON, camelCase): every field optional here so that <see cref="EarnRuleDefinition.Validate"/>
/// can name each missing or wrong one. <c>priority</c> defaults to 0, <c>stopAfter</c> and <c>repeat</c> to false,
/// <c>target</c> to everyone; enums are camelCase strings ("kind": "multiplier", "period": "month").
/// </summary>
public sealed record EarnRuleRequest(
    string? Name,
    EarnRuleKind? Kind,
    int? Priority,
    bool? StopAfter,
    DateTimeOffset? EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    RuleTarget? Target,
    PointsCapRequest? Cap,
    decimal? PointsPerUnit,
    decimal? Factor,
    decimal? SpendThreshold,
    CalendarPeriod? Period,
    int? Nth,
    bool? Repeat,
    long? BonusPoints,
    string? EventType)
{
    /// <summary>
    /// The rule version this request defines, tidied (trimmed names, canonical event type, empty targets as none).
    /// Validate with <see cref="EarnRuleDefinition.Validate"/> before saving; this only refuses a request without the
    /// name, kind and start every rule needs, so a saved rule keeps loading even if validation later grows stricter.
    /// </summary>
    /// <exception cref="InvalidOperationException">The name, kind or effectiveFrom is missing.</exception>
    public EarnRule ToRule(Guid id, int version)
    {
        if (string.IsNullOrWhiteSpace(Name) || Kind is null || EffectiveFrom is null)
        {
            throw new InvalidOperationException($"Earn rule {id} version {version} lacks its name, kind or effectiveFrom; validate it before saving.");
        }

        return new EarnRule(
            id,
            version,
            Name.Trim(),
            Kind.Value,
            Priority ?? 0,
            StopAfter ?? false,
            EffectiveFrom.Value,
            EffectiveTo,
            Tidy(Target),
            Cap is { MaxPoints: { } maxPoints, Period: { } period } ? new PointsCap(maxPoints, period) : null,
            PointsPerUnit,
            Factor,
            SpendThreshold,
            Period,
            Nth,
            Repeat ?? false,
            BonusPoints,
            EarningEventTypes.Normalize(EventType));
    }

    /// <summary>The request that defines <paramref name="rule"/> again (to show or edit a saved rule).</summary>
    public static EarnRuleRequest From(EarnRule rule) => new(
        rule.Name,
        rule.Kind,
        rule.Priority,
        rule.StopAfter,
        rule.EffectiveFrom,
        rule.EffectiveTo,
        rule.Target,
        rule.Cap is { } cap ? new PointsCapRequest(cap.MaxPoints, cap.Period) : null,
        rule.PointsPerUnit,
        rule.Factor,
        rule.SpendThreshold,
        rule.Period,
        rule.Nth,
        rule.Repeat,
        rule.BonusPoints,
        rule.EventType);

    private static RuleTarget Tidy(RuleTarget? target) => target is null
        ? RuleTarget.Everyone
        : new RuleTarget(Tidy(target.Segments), Tidy(target.Tiers), Tidy(target.Channels), Tidy(target.Categories), Tidy(target.Skus));

    private static IReadOnlyList<string>? Tidy(IReadOnlyList<string>? names) =>
        names is { Count: > 0 } ? names.Select(name => name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() : null;
}
