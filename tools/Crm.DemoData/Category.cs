namespace Crm.DemoData;

/// <summary>A product category: its share of lines, typical price and gross margin.</summary>
public sealed record Category(string Code, string SkuPrefix, double Weight, double MedianPrice, double PriceSpread, double Margin, int MaxQuantity);
