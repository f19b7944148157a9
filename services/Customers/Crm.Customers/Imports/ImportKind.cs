namespace Crm.Customers.Imports;

/// <summary>What a file imports, as named in the route <c>/api/customers/imports/{kind}</c>.</summary>
public static class ImportKind
{
    public const string Customers = "customers";
    public const string Transactions = "transactions";
    public const string Interactions = "interactions";

    public static IReadOnlyList<string> All { get; } = [Customers, Transactions, Interactions];
}
