namespace Crm.Loyalty.Data;

/// <summary>
/// Points coming in as one earning batch (they expire together): one ledger entry per line, so each rule or action
/// that produced points is its own entry.
/// </summary>
public sealed record Credit(
    Guid CustomerId,
    string Kind,
    string Source,
    DateTimeOffset EarnedAt,
    DateTimeOffset AvailableAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<CreditLine> Lines)
{
    public long Points => Lines.Sum(line => line.Points);
}
