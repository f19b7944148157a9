namespace Crm.Customers.Model;

/// <summary>What we hold about a customer's consent: the current state per channel and purpose, and every change.</summary>
public sealed record ConsentRecord(IReadOnlyList<Consent> Current, IReadOnlyList<ConsentHistoryEntry> History);

/// <summary>A change as it was recorded; <see cref="RecordedAt"/> may be later than <see cref="Consent.ChangedAt"/>.</summary>
public sealed record ConsentHistoryEntry(string Channel, string Purpose, bool Granted, string Basis, string Source, DateTimeOffset ChangedAt, DateTimeOffset RecordedAt);
