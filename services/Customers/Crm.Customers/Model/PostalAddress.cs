namespace Crm.Customers.Model;

public sealed record PostalAddress(string? Line1, string? Line2, string? City, string? PostalCode, string? Region, string? Country);
