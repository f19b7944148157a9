namespace Crm.DemoData;

/// <summary>A line: <see cref="Discount"/> and <see cref="Allowance"/> are amounts for the whole line.</summary>
public sealed record DemoLine(Product Product, int Quantity, decimal Discount, decimal Allowance);
