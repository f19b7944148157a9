namespace Crm.Loyalty.Model.Earning;

/// <summary>Points a rule gave for one purchase or event, with the rule version that produced them and why, in words.</summary>
public sealed record PointsAward(Guid RuleId, int RuleVersion, string RuleName, EarnRuleKind Kind, long Points, string Explanation);
