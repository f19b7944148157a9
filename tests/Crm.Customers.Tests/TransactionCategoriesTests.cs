using Crm.Contracts.Customers;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>The per-category split that TransactionsRecorded carries instead of the lines.</summary>
public sealed class TransactionCategoriesTests
{
    [Fact]
    public void Sums_the_lines_of_each_category_in_order_of_first_appearance()
    {
        TransactionLineInput[] lines =
        [
            new("SKU-1", "books", 2, 12.50m, Discount: 0.50m, UnitCost: 6.40m),
            new("SKU-2", "music", 1, 9.99m, Allowance: 1m, UnitCost: 5m),
            new("SKU-3", "books", 1.5m, 3.333m, Discount: 0.25m, Allowance: 0.25m, UnitCost: 1.111m),
        ];

        var categories = TransactionCategories.Of(lines);

        // books: revenue 25.00 + 4.9995 = 29.9995 → 30.00; cost 12.80 + 1.6665 = 14.4665 → 14.47.
        Assert.Equal(
            [new CategorySpend("books", 3.5m, 30.00m, 29.00m, 14.47m), new CategorySpend("music", 1m, 9.99m, 8.99m, 5.00m)],
            categories);
    }

    [Fact]
    public void One_category_equals_the_transaction_totals()
    {
        TransactionLineInput[] lines = [new("A", "toys", 3, 1.115m, 0.10m, 0.05m, 0.333m), new("B", "toys", 1, 2.0049m, UnitCost: 0.0049m)];

        var totals = TransactionTotals.Of(lines);
        var toys = Assert.Single(TransactionCategories.Of(lines));

        Assert.Equal(("toys", 4m), (toys.Category, toys.Quantity));
        Assert.Equal((totals.Revenue, totals.NetAmount, totals.ProductCost), (toys.Revenue, toys.NetAmount, toys.ProductCost));
    }

    [Fact]
    public void Categories_differing_only_in_case_stay_apart() =>
        Assert.Equal(["Books", "books"], TransactionCategories.Of([new("A", "Books", 1, 1m), new("B", "books", 1, 1m)]).Select(c => c.Category));
}
