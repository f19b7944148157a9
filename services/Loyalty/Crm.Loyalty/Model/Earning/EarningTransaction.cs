namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// A purchase that can earn points: when and through which channel it happened, its net amount (after discounts,
/// without tax) and its lines. Rules without a category or sku target earn on <see cref="NetAmount"/>; targeted rules
/// earn on the net amount of the lines they target.
/// </summary>
public sealed record EarningTransaction(
    Guid TransactionId,
    DateTimeOffset OccurredAt,
    string Channel,
    decimal NetAmount,
    IReadOnlyList<EarningLine> Lines);
