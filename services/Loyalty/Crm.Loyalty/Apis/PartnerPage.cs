using Crm.Loyalty.Data;

namespace Crm.Loyalty.Apis;

/// <summary>A keyset page of partners, oldest first: pass <see cref="Next"/> as <c>after</c> for the next page.</summary>
public sealed record PartnerPage(IReadOnlyList<Partner> Items, Guid? Next);
