using Crm.Customers.Model;

namespace Crm.Customers.Data;

/// <summary>A row of <c>transactions</c> joined with its original's business id.</summary>
internal sealed class TransactionRow
{
    public const string Select = """
        select t.id, t.external_id, t.customer_id, t.kind, o.external_id as original_external_id, t.occurred_at, t.channel,
            t.currency, t.revenue, t.discounts, t.allowances, t.net_amount, t.product_cost, t.fingerprint, t.recorded_at,
            t.reversed_at, t.reversal_reason
        from transactions t left join transactions o on o.id = t.original_id
        """;

    public const string SelectLines = """
        select transaction_id, sku, category, quantity, unit_price, discount, allowance, unit_cost
        from transaction_lines where transaction_id = any(@Ids) order by transaction_id, line_no
        """;

    public Guid Id { get; init; }
    public string ExternalId { get; init; } = "";
    public Guid CustomerId { get; init; }
    public string Kind { get; init; } = "";
    public string? OriginalExternalId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string Channel { get; init; } = "";
    public string Currency { get; init; } = "";
    public decimal Revenue { get; init; }
    public decimal Discounts { get; init; }
    public decimal Allowances { get; init; }
    public decimal NetAmount { get; init; }
    public decimal ProductCost { get; init; }
    public string Fingerprint { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset? ReversedAt { get; init; }
    public string? ReversalReason { get; init; }

    public Transaction ToTransaction(IReadOnlyList<TransactionLine> lines) => new(
        Id, ExternalId, CustomerId, Kind, OriginalExternalId, OccurredAt, Channel, Currency, Revenue, Discounts, Allowances,
        NetAmount, ProductCost, lines, RecordedAt, ReversedAt, ReversalReason);
}

internal sealed class TransactionLineRow
{
    public Guid TransactionId { get; init; }
    public string Sku { get; init; } = "";
    public string Category { get; init; } = "";
    public decimal Quantity { get; init; }
    public decimal UnitPrice { get; init; }
    public decimal Discount { get; init; }
    public decimal Allowance { get; init; }
    public decimal UnitCost { get; init; }

    public TransactionLine ToLine() => new(Sku, Category, Quantity, UnitPrice, Discount, Allowance, UnitCost);
}
