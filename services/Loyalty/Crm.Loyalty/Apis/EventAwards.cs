using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Apis;

public sealed record EventAwards(Guid CustomerId, string Type, IReadOnlyList<PointsAward> Awards, bool AlreadyAwarded)
{
    public long Points => Awards.Sum(award => award.Points);
}
