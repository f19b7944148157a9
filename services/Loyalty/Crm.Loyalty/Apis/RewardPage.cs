using Crm.Loyalty.Data;

namespace Crm.Loyalty.Apis;

/// <summary>A keyset page of the catalogue, oldest reward first: pass <see cref="Next"/> as <c>after</c> for the next page.</summary>
public sealed record RewardPage(IReadOnlyList<Reward> Items, Guid? Next);
