namespace Crm.Loyalty.Model;

/// <summary>
/// A member's points account as they see it: <see cref="Available"/> points can be spent now, <see cref="Pending"/>
/// ones wait out the return window; <see cref="NextExpiry"/> is the earliest date some of them expire.
/// </summary>
public sealed record PointsAccount(
    Guid CustomerId,
    DateTimeOffset OpenedAt,
    string? Tier,
    DateTimeOffset? TierSince,
    long Available,
    long Pending,
    long ExpiringPoints,
    DateTimeOffset? NextExpiry)
{
    public long Balance => Available + Pending;
}
