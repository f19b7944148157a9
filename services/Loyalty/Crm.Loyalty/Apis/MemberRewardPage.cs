using Crm.Loyalty.Data;

namespace Crm.Loyalty.Apis;

/// <summary>The rewards one member sees, against the points they can spend now; <see cref="Next"/> as <c>after</c> for more.</summary>
public sealed record MemberRewardPage(Guid CustomerId, long AvailablePoints, IReadOnlyList<MemberReward> Items, Guid? Next);
