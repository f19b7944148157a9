namespace Crm.Contracts.Customers;

/// <summary>
/// One transaction with its totals: <see cref="Revenue"/> = Σ quantity × unit price; <see cref="NetAmount"/> =
/// revenue − discounts − allowances; <see cref="ProductCost"/> = Σ quantity × unit cost. <see cref="Categories"/>
/// splits it by product category (one entry per category, in the order the categories first appear on its lines) —
/// what consumers need for category bonuses and category mix; the individual lines (SKUs) stay in the customers
/// service.
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
    IReadOnlyList<CategorySpend> Categories);
