namespace Crm.Loyalty.Data;

/// <summary>One line of a customer's points ledger: what moved, why, and which rule or action moved it.</summary>
public sealed record LedgerEntry(
    long Id,
    string Kind,
    long Points,
    string Source,
    Guid? RuleId,
    int? RuleVersion,
    string Reason,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
