namespace Crm.Contracts.Customers;

/// <summary>
/// A transaction was entered in error and is cancelled as a whole: consumers undo every effect it had. (A customer
/// bringing goods back is a return, recorded as a transaction of its own.)
/// </summary>
public sealed record TransactionReversed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid TransactionId,
    string ExternalId,
    string Reason) : ICustomerEvent;
