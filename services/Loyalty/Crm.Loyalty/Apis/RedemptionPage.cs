using Crm.Loyalty.Data;

namespace Crm.Loyalty.Apis;

/// <summary>A keyset page of a member's redemptions, newest first: pass <see cref="Next"/> as <c>after</c> for older ones.</summary>
public sealed record RedemptionPage(IReadOnlyList<Redemption> Items, Guid? Next);
