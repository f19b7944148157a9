namespace Crm.Contracts.Customers;

/// <summary>
/// Consent a customer held when registered (a bulk import grants it with the record): to be contacted on
/// <see cref="Channel"/> for <see cref="Purpose"/>, with the basis and source a <see cref="ConsentChanged"/> carries.
/// Later changes arrive as <see cref="ConsentChanged"/>; the newer <see cref="ChangedAt"/> wins.
/// </summary>
public sealed record ConsentGrant(string Channel, string Purpose, string Basis, string Source, DateTimeOffset ChangedAt);
