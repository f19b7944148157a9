namespace Crm.Customers.Model;

/// <summary>The body of <c>PUT /api/customers/acquisition-sources/{code}</c>.</summary>
public sealed record AcquisitionSourceChange(string? Label, bool? Active);
