namespace Crm.Contracts.Customers;

/// <summary>
/// One transaction with its totals: <see cref="Revenue"/> = Σ quantity × unit price; <see cref="NetAmount"/> =
/// revenue − discounts − allowances; <see cref="ProductCost"/> = Σ quantity × unit cost.
/// </summary>
public sealed record RecordedTransaction(
    Guid TransactionId,
    string ExternalId,
    Guid CustomerId,
    DateTimeOffset OccurredAt,
    string Channel,
    string Currency,
    string Kind,
    Guid? OriginalTransactionId,
    decimal Revenue,
    decimal Discounts,
    decimal Allowances,
    decimal NetAmount,
    decimal ProductCost,
    IReadOnlyList<RecordedTransactionLine> Lines);
