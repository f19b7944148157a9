namespace Crm.Loyalty.Data;

/// <summary>Part of a credit and what produced it (the rule, or null for an action such as an adjustment).</summary>
public sealed record CreditLine(long Points, Guid? RuleId, int? RuleVersion, string Reason);
