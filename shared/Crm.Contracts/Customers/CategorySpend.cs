namespace Crm.Contracts.Customers;

/// <summary>
/// What a transaction holds of one product category, summed over its lines of that category:
/// <see cref="Revenue"/> = Σ quantity × unit price; <see cref="NetAmount"/> = revenue − the lines' discounts and
/// allowances; <see cref="ProductCost"/> = Σ quantity × unit cost. Amounts are rounded to the cent per category, so
/// with one category they equal the transaction's totals exactly and with several their sum can differ from them by
/// rounding cents.
/// </summary>
public sealed record CategorySpend(
    string Category,
    decimal Quantity,
    decimal Revenue,
    decimal NetAmount,
    decimal ProductCost);
