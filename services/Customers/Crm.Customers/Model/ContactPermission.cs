namespace Crm.Customers.Model;

/// <summary>The answer to "may I contact this customer on this channel for this purpose now?".</summary>
public sealed record ContactPermission(Guid CustomerId, string Channel, string Purpose, bool Allowed, string Reason, DateTimeOffset? ChangedAt);
