namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// Why one node of a rule held or failed for a customer. <see cref="Description"/> reads like the definition
/// (<c>rfm.recency gte 4</c>, <c>all of 3</c>); <see cref="Actual"/> is the customer's value for a comparison, null when
/// the customer has none and for all/any/not. Every child is evaluated, so a failed <c>all</c> shows each failing part.
/// </summary>
public sealed record RuleExplanation(
    string Path,
    string Description,
    bool Held,
    string? Actual,
    IReadOnlyList<RuleExplanation> Children);
