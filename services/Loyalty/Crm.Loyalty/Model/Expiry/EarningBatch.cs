namespace Crm.Loyalty.Model.Expiry;

/// <summary>
/// Points earned together (one purchase, one event, one credit) that expire together at <see cref="ExpiresAt"/>, and
/// how many of them are still unspent.
/// </summary>
public sealed record EarningBatch(long Id, DateTimeOffset EarnedAt, DateTimeOffset ExpiresAt, long Remaining);
