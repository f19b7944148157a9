namespace Crm.DemoData;

/// <summary>A fixed assortment drawn from the seed; each category's products sorted by price.</summary>
public sealed class Catalogue
{
    public static IReadOnlyList<Category> Categories { get; } =
    [
        new("fashion", "FAS", 24, 39, 0.6, 0.55, 3),
        new("home", "HOM", 16, 29, 0.8, 0.38, 4),
        new("electronics", "ELE", 10, 89, 1.0, 0.18, 2),
        new("beauty", "BEA", 14, 14, 0.6, 0.48, 4),
        new("grocery", "GRO", 14, 4.5, 0.6, 0.24, 12),
        new("books", "BOO", 8, 15, 0.45, 0.30, 3),
        new("toys", "TOY", 6, 22, 0.7, 0.40, 3),
        new("sports", "SPO", 8, 35, 0.8, 0.42, 3),
    ];

    private const int ProductsPerCategory = 250;

    private readonly Product[][] _products;

    public Catalogue(int seed)
    {
        var sampler = new Sampler(Sampler.DeriveSeed(seed, -1));
        _products = new Product[Categories.Count][];
        for (var c = 0; c < Categories.Count; c++)
        {
            var category = Categories[c];
            var products = new Product[ProductsPerCategory];
            for (var i = 0; i < products.Length; i++)
            {
                var price = Math.Clamp(category.MedianPrice * Math.Exp(category.PriceSpread * sampler.Normal()), 0.49, 2_500);
                // Prices end in .49, .95 or .99 as shelf prices do.
                var unitPrice = Math.Floor(price) + (price < 10 ? 0.49 : sampler.Chance(0.5) ? 0.99 : 0.95);
                var margin = Math.Clamp(category.Margin + (0.05 * sampler.Normal()), 0.03, 0.85);
                var price4 = (decimal)unitPrice;
                products[i] = new Product($"{category.SkuPrefix}-{i + 1:0000}", category, decimal.Round(price4, 2),
                    decimal.Round(price4 * (decimal)(1 - margin), 4, MidpointRounding.AwayFromZero));
            }

            Array.Sort(products, (x, y) => x.UnitPrice != y.UnitPrice ? x.UnitPrice.CompareTo(y.UnitPrice) : string.CompareOrdinal(x.Sku, y.Sku));
            _products[c] = products;
        }
    }

    /// <summary>A product of the category priced near <paramref name="target"/> (a few neighbours either side).</summary>
    public Product Near(int category, double target, Sampler sampler)
    {
        var products = _products[category];
        int low = 0, high = products.Length - 1;
        var price = (decimal)target;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (products[middle].UnitPrice < price)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var index = Math.Clamp(low + sampler.Next(-8, 9), 0, products.Length - 1);
        return products[index];
    }
}
