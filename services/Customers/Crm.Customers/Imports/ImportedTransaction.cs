using Crm.Contracts.Customers;
using Crm.Customers.Model;

namespace Crm.Customers.Imports;

/// <summary>
/// A transaction of the file that passed the same rules as the API, waiting for its customer and original to be
/// resolved. <see cref="FileLines"/> are the lines it came from (one per CSV row; the one line of NDJSON);
/// <see cref="Lines"/> are stored, <see cref="Totals"/> and <see cref="Categories"/> go into its event.
/// </summary>
internal sealed record ImportedTransaction(
    long[] FileLines,
    string ExternalId,
    string CustomerExternalId,
    DateTimeOffset OccurredAt,
    string Channel,
    string Currency,
    string Kind,
    string? OriginalExternalId,
    IReadOnlyList<TransactionLineInput> Lines,
    TransactionTotals Totals,
    CategorySpend[] Categories,
    string Fingerprint);
