using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Data;

/// <summary>One version of an earn rule as saved: its definition, and whether this version retired the rule.</summary>
public sealed record SavedEarnRule(Guid Id, int Version, string Name, bool Retired, DateTimeOffset SavedAt, EarnRuleRequest Definition);
