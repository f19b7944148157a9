namespace Crm.Benchmarks.Imports;

/// <summary>
/// One transaction of the benchmark's import file: <see cref="Customer"/> is a customer's index, <see cref="Original"/>
/// the number of the sale a return takes back (null for a sale), <see cref="SecondsIn"/> its time from the file's start.
/// </summary>
public sealed record GeneratedTransaction(int Number, int Customer, int? Original, int SecondsIn, string Channel, IReadOnlyList<GeneratedLine> Lines)
{
    public bool IsReturn => Original is not null;
}

public sealed record GeneratedLine(int Sku, string Category, int Quantity, decimal UnitPrice, decimal Discount, decimal UnitCost);
