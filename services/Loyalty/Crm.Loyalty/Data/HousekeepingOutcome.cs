namespace Crm.Loyalty.Data;

/// <summary>What one housekeeping run did.</summary>
public sealed record HousekeepingOutcome(
    DateTimeOffset RanAt,
    int MembersWithExpiredPoints,
    long PointsExpired,
    int ExpiryNotices,
    int TierChanges,
    int BirthdayAwards);
