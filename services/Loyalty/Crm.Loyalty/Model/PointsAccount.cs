namespace Crm.Loyalty.Model;

public sealed record PointsAccount(Guid CustomerId, DateTimeOffset OpenedAt, long Balance);
