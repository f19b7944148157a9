namespace Crm.Loyalty.Data;

/// <summary>
/// Points going out of a customer's balance. <see cref="AvailableOnly"/>: spending uses only available points;
/// taking back a return's points may reach into pending ones. <see cref="PreferSource"/>: the earning batch to take
/// from first (a return takes back its own sale's points before any other).
/// </summary>
public sealed record Debit(
    Guid CustomerId,
    string Kind,
    string Source,
    long Points,
    string Reason,
    DateTimeOffset OccurredAt,
    bool AvailableOnly,
    string? PreferSource = null);
