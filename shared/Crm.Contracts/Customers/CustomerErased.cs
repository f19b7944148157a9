namespace Crm.Contracts.Customers;

/// <summary>The customer asked to be forgotten: every service removes or anonymises what it holds about them.</summary>
public sealed record CustomerErased(Guid EventId, DateTimeOffset OccurredAt, Guid CustomerId) : ICustomerEvent;
