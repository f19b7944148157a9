using System.Globalization;

namespace Crm.DemoData;

/// <summary>What a generation run wrote.</summary>
public sealed class DemoDataSummary
{
    public int Customers { get; set; }

    public int ActiveAtEnd { get; set; }

    public long Sales { get; set; }

    public long Returns { get; set; }

    public long TransactionLines { get; set; }

    public long Interactions { get; set; }

    /// <summary>Σ quantity × unit price over sale lines, before discounts and allowances.</summary>
    public decimal SalesRevenue { get; set; }

    public decimal ReturnedRevenue { get; set; }

    public long Transactions => Sales + Returns;

    public void Add(DemoTransaction transaction)
    {
        TransactionLines += transaction.Lines.Count;
        if (transaction.IsReturn)
        {
            Returns++;
            ReturnedRevenue += transaction.Revenue;
        }
        else
        {
            Sales++;
            SalesRevenue += transaction.Revenue;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Customers:N0} customers ({ActiveAtEnd:N0} still active), {Transactions:N0} transactions ({Sales:N0} sales, {Returns:N0} returns) in {TransactionLines:N0} lines, {Interactions:N0} interactions; sales revenue {SalesRevenue:N2}, returned {ReturnedRevenue:N2}");
}
