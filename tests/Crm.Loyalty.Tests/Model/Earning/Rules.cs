using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Tests.Model.Earning;

/// <summary>Rules, customers and purchases for the earning tests, in November 2026 unless a test says otherwise.</summary>
internal static class Rules
{
    public static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static EarnRule Base(decimal pointsPerUnit, string name = "base", int priority = 10, RuleTarget? target = null) =>
        Rule(name, EarnRuleKind.Base, priority, target) with { PointsPerUnit = pointsPerUnit };

    public static EarnRule Multiplier(decimal factor, string name = "promotion", int priority = 20, RuleTarget? target = null) =>
        Rule(name, EarnRuleKind.Multiplier, priority, target) with { Factor = factor };

    public static EarnRule Threshold(decimal spend, long bonus, CalendarPeriod period, bool repeat = false, string name = "spend bonus", int priority = 30, RuleTarget? target = null) =>
        Rule(name, EarnRuleKind.Threshold, priority, target) with { SpendThreshold = spend, BonusPoints = bonus, Period = period, Repeat = repeat };

    public static EarnRule Frequency(int nth, long bonus, CalendarPeriod period, bool repeat = false, string name = "visit bonus", int priority = 40, RuleTarget? target = null) =>
        Rule(name, EarnRuleKind.Frequency, priority, target) with { Nth = nth, BonusPoints = bonus, Period = period, Repeat = repeat };

    public static EarnRule Event(string eventType, long bonus, string name = "event bonus", int priority = 50, RuleTarget? target = null) =>
        Rule(name, EarnRuleKind.Event, priority, target) with { EventType = eventType, BonusPoints = bonus };

    public static RuleTarget Categories(params string[] categories) => RuleTarget.Everyone with { Categories = categories };

    public static EarningCustomer Customer(string? tier = null, params string[] segments) =>
        new(Guid.NewGuid(), tier, new HashSet<string>(segments));

    public static EarningTransaction Purchase(decimal net, DateTimeOffset? at = null, string channel = "store") =>
        new(Guid.NewGuid(), at ?? November.AddDays(9), channel, net, [new EarningLine("grocery", null, net)]);

    public static EarningTransaction Basket(DateTimeOffset at, params EarningLine[] lines) =>
        new(Guid.NewGuid(), at, "store", lines.Sum(line => line.NetAmount), lines);

    public static EarningCounters NoCounters() => EarningCounters.Load([]);

    public static long Total(IEnumerable<PointsAward> awards) => awards.Sum(award => award.Points);

    private static EarnRule Rule(string name, EarnRuleKind kind, int priority, RuleTarget? target) => new(
        Guid.NewGuid(), 1, name, kind, priority, StopAfter: false, EffectiveFrom: November.AddYears(-1), EffectiveTo: null,
        target ?? RuleTarget.Everyone, Cap: null, PointsPerUnit: null, Factor: null, SpendThreshold: null, Period: null, Nth: null,
        Repeat: false, BonusPoints: null, EventType: null);
}
