namespace Crm.Loyalty;

/// <summary>The retention plan's settings that are not rules: windows, lifetimes and what a point costs.</summary>
public sealed class LoyaltyOptions
{
    public const string Section = "Loyalty";

    /// <summary>The currency transactions earn in; sales in another currency earn nothing (and say so in the log).</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>Points from a sale stay pending this long (the return window), then become available to spend.</summary>
    public TimeSpan ReturnWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an earning batch lives before its unspent points expire.</summary>
    public TimeSpan PointsLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How far ahead of expiry customers get notice (a PointsExpiring event).</summary>
    public TimeSpan ExpiryNotice { get; set; } = TimeSpan.FromDays(30);

    /// <summary>What one outstanding point costs the business, in <see cref="Currency"/>: values the liability.</summary>
    public decimal CostPerPoint { get; set; } = 0.01m;

    /// <summary>How often expiry, notices and tier reviews run (replicas take turns); zero turns them off.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromHours(1);
}
