namespace Crm.Customers.Model;

/// <summary>An entry of the "where did you hear about us" list; retired entries are kept but not offered.</summary>
public sealed record AcquisitionSource(string Code, string Label, bool Active);
