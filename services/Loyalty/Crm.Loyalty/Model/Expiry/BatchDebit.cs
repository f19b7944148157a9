namespace Crm.Loyalty.Model.Expiry;

/// <summary>Points to take from one earning batch to pay for a redemption (or an expiry, a reversal).</summary>
public sealed record BatchDebit(long BatchId, long Points);
