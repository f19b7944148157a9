namespace Crm.Loyalty.Model.Earning;

/// <summary>One line of a purchase as earn rules see it: what was bought (category, sku) and its net amount.</summary>
public sealed record EarningLine(string Category, string? Sku, decimal NetAmount);
