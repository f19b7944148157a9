namespace Crm.Customers.Imports;

/// <summary>A customer as rows of other imports refer to it: by external id.</summary>
internal sealed record CustomerKey(string ExternalId, Guid Id, bool Erased);
