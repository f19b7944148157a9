namespace Crm.Contracts.Customers;

/// <summary>A line of a transaction; <see cref="Discount"/> and <see cref="Allowance"/> are amounts for the whole line.</summary>
public sealed record RecordedTransactionLine(
    string Sku,
    string Category,
    decimal Quantity,
    decimal UnitPrice,
    decimal Discount,
    decimal Allowance,
    decimal UnitCost);
