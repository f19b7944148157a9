using Crm.Loyalty.Model.Tiers;

namespace Crm.Loyalty.Data;

public sealed record SavedTierPolicy(int Version, TierPolicy Policy, DateTimeOffset SavedAt);
