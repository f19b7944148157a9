namespace Crm.Customers.Model;

/// <summary>
/// A sale or a return as the business sends it. <see cref="TransactionId"/> is the business's own id and makes
/// posting idempotent; a return names the sale it returns in <see cref="OriginalTransactionId"/>.
/// </summary>
public sealed record PostTransaction(
    string? TransactionId,
    DateTimeOffset OccurredAt,
    string? Channel,
    string? Currency,
    IReadOnlyList<TransactionLineInput>? Lines,
    string? Kind = null,
    string? OriginalTransactionId = null);

/// <summary>A line; <see cref="Discount"/> and <see cref="Allowance"/> are amounts for the whole line.</summary>
public sealed record TransactionLineInput(
    string? Sku,
    string? Category,
    decimal Quantity,
    decimal UnitPrice,
    decimal Discount = 0,
    decimal Allowance = 0,
    decimal UnitCost = 0);
