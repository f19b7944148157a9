namespace Crm.Loyalty.Apis;

/// <summary>
/// What a partner's transaction did: the points the member earned or paid and the points they have available after
/// it. <see cref="Replayed"/>: this <c>webhook-id</c> was received before, and this is the answer it got then.
/// </summary>
public sealed record PartnerTransactionReceipt(string TransactionId, Guid CustomerId, string Kind, long Points, long AvailableBalance, bool Replayed);
