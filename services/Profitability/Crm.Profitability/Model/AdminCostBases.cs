namespace Crm.Profitability.Model;

/// <summary>How administrative costs are allocated to customers.</summary>
public static class AdminCostBases
{
    public const string None = "none";

    /// <summary>A fixed amount for each calendar month in which the customer bought or was in contact.</summary>
    public const string PerCustomerMonth = "perCustomerMonth";

    /// <summary>A fixed amount for each transaction (a return handled costs as much as a sale).</summary>
    public const string PerTransaction = "perTransaction";

    /// <summary>A rate (0..1) of net revenue.</summary>
    public const string ShareOfRevenue = "shareOfRevenue";

    public static IReadOnlyList<string> All { get; } = [None, PerCustomerMonth, PerTransaction, ShareOfRevenue];
}
