namespace Crm.Contracts.Customers;

/// <summary>Where a transaction happened: the values the customers service accepts and its events carry.</summary>
public static class SalesChannels
{
    public static IReadOnlyList<string> All { get; } = ["store", "web", "app", "phone", "mail", "partner"];
}
