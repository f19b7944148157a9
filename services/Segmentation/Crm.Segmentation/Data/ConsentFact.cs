namespace Crm.Segmentation.Data;

/// <summary>A customer's consent on a channel for a purpose, as of <see cref="ChangedAt"/>.</summary>
public sealed record ConsentFact(Guid CustomerId, string Channel, string Purpose, bool Granted, DateTimeOffset ChangedAt);
