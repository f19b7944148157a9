namespace Crm.Customers.Model;

/// <summary>Everything the customers service holds about one person (a GDPR access request).</summary>
public sealed record CustomerExport(
    DateTimeOffset ExportedAt,
    Customer Customer,
    ConsentRecord Consents,
    IReadOnlyList<Transaction> Transactions,
    IReadOnlyList<Interaction> Interactions);
