namespace Crm.Customers.Model;

/// <summary>
/// A customer granting or withdrawing consent, as told to us: on what legal <see cref="Basis"/>, through which
/// <see cref="Source"/> (e.g. "preference-centre", "call-centre") and when (<see cref="ChangedAt"/>, default now).
/// </summary>
public sealed record ConsentChange(bool? Granted, string? Basis, string? Source, DateTimeOffset? ChangedAt = null);
