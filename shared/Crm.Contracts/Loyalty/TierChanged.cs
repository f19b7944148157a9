namespace Crm.Contracts.Loyalty;

/// <summary>A customer moved from tier <see cref="From"/> (null for the first tier) to <see cref="To"/>, and why.</summary>
public sealed record TierChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    string? From,
    string To,
    string Reason) : ICustomerEvent;
