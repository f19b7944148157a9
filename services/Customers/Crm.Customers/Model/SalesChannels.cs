namespace Crm.Customers.Model;

/// <summary>Where a transaction happened.</summary>
public static class SalesChannels
{
    public static IReadOnlyList<string> All { get; } = ["store", "web", "app", "phone", "mail", "partner"];
}
