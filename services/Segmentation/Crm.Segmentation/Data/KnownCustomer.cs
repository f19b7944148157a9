namespace Crm.Segmentation.Data;

/// <summary>A customer's profile facts as the customers service announced them; <see cref="Attributes"/> is JSON text.</summary>
public sealed record KnownCustomer(Guid CustomerId, string? AcquisitionSource, string? Country, DateOnly? CustomerSince, string? Attributes);
