namespace Crm.Contracts.Loyalty;

/// <summary>
/// Points a customer earned were taken back because the transaction that earned them was returned or reversed.
/// <see cref="Unrecovered"/> is what could not be taken back because it had already been spent (balances never go
/// negative).
/// </summary>
public sealed record PointsReversed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid TransactionId,
    long Points,
    long Unrecovered,
    string Reason) : ICustomerEvent;
