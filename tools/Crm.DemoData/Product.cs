namespace Crm.DemoData;

/// <summary>A product with its list price and unit cost (price × (1 − margin), margin varying a little by product).</summary>
public sealed record Product(string Sku, Category Category, decimal UnitPrice, decimal UnitCost);
