using Crm.Loyalty.Data;

namespace Crm.Loyalty.Apis;

public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Items, long? Next);
