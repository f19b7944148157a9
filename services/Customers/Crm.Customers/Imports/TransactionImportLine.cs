using Crm.Customers.Model;

namespace Crm.Customers.Imports;

/// <summary>One line of an NDJSON transactions file: a transaction as the API takes it, plus the customer's external id.</summary>
internal sealed record TransactionImportLine(
    string? TransactionId,
    string? CustomerId,
    DateTimeOffset OccurredAt,
    string? Channel,
    string? Currency,
    IReadOnlyList<TransactionLineInput>? Lines,
    string? Kind = null,
    string? OriginalTransactionId = null);
