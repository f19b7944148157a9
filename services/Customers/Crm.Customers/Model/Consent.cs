namespace Crm.Customers.Model;

/// <summary>The state of one channel and purpose, or one entry of its history.</summary>
public sealed record Consent(string Channel, string Purpose, bool Granted, string Basis, string Source, DateTimeOffset ChangedAt);
