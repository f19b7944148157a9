namespace Crm.Loyalty.Apis;

public sealed record Transfer(Guid? ToCustomerId, long? Points, string? Reason);
