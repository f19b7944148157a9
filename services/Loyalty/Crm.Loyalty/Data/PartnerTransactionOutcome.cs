namespace Crm.Loyalty.Data;

/// <summary>
/// What posting a partner's transaction did: the points earned or paid and the member's available balance after it
/// (for a replay, as first answered); for <see cref="PartnerTransactionResult.Insufficient"/>, the points wanted and
/// those the member has available.
/// </summary>
public sealed record PartnerTransactionOutcome(PartnerTransactionResult Result, long Points = 0, long Available = 0);
