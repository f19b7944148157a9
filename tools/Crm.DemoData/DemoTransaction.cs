namespace Crm.DemoData;

/// <summary>A generated sale or return; a return names its sale in <see cref="OriginalId"/>.</summary>
public sealed record DemoTransaction(string Id, DateTime OccurredAt, string Channel, IReadOnlyList<DemoLine> Lines, string? OriginalId = null)
{
    public bool IsReturn => OriginalId is not null;

    public decimal Revenue => Lines.Sum(line => line.Quantity * line.Product.UnitPrice);
}

/// <summary>A line: <see cref="Discount"/> and <see cref="Allowance"/> are amounts for the whole line.</summary>
public sealed record DemoLine(Product Product, int Quantity, decimal Discount, decimal Allowance);

/// <summary>A generated contact; <see cref="CostToServe"/> in the data set's currency when handling it cost something.</summary>
public readonly record struct DemoInteraction(DateTime OccurredAt, string Channel, string Type, decimal? CostToServe);
