namespace Crm.Customers.Model;

/// <summary>The answer to an erasure request.</summary>
public sealed record Erasure(Guid CustomerId, DateTimeOffset ErasedAt);
