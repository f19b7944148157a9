namespace Crm.Loyalty.Apis;

/// <summary>
/// The body of a partner's signed delivery: the member, <c>earn</c> (they spent <see cref="Amount"/> at the partner)
/// or <c>burn</c> (they paid <see cref="Amount"/> there with points), in the partner's currency, and when it happened.
/// </summary>
public sealed record PartnerTransactionRequest(Guid? CustomerId, string? Kind, decimal? Amount, DateTimeOffset? OccurredAt);
