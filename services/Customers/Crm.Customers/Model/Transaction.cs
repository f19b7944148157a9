namespace Crm.Customers.Model;

/// <summary>A recorded sale or return as the API returns it; <see cref="TransactionId"/> is the business's id.</summary>
public sealed record Transaction(
    Guid Id,
    string TransactionId,
    Guid CustomerId,
    string Kind,
    string? OriginalTransactionId,
    DateTimeOffset OccurredAt,
    string Channel,
    string Currency,
    decimal Revenue,
    decimal Discounts,
    decimal Allowances,
    decimal NetAmount,
    decimal ProductCost,
    IReadOnlyList<TransactionLine> Lines,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ReversedAt,
    string? ReversalReason);

public sealed record TransactionLine(string Sku, string Category, decimal Quantity, decimal UnitPrice, decimal Discount, decimal Allowance, decimal UnitCost);
