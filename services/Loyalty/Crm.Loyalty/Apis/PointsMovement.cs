namespace Crm.Loyalty.Apis;

/// <summary>What a request did to the account (signed as in the ledger); <see cref="Repeated"/> when the key was seen before.</summary>
public sealed record PointsMovement(Guid CustomerId, long Points, bool Repeated);
