namespace Crm.DemoData;

/// <summary>A generated sale or return; a return names its sale in <see cref="OriginalId"/>.</summary>
public sealed record DemoTransaction(string Id, DateTime OccurredAt, string Channel, IReadOnlyList<DemoLine> Lines, string? OriginalId = null)
{
    public bool IsReturn => OriginalId is not null;

    public decimal Revenue => Lines.Sum(line => line.Quantity * line.Product.UnitPrice);
}

