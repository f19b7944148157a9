namespace Crm.Customers.Model;

/// <summary>A customer as the API returns it.</summary>
public sealed record Customer(Guid Id, string ExternalId, string Name, string? Email, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
