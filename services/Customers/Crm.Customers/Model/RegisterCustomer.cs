using System.ComponentModel.DataAnnotations;

namespace Crm.Customers.Model;

/// <summary>The body of <c>POST /api/customers</c>.</summary>
public sealed record RegisterCustomer(
    [Required, StringLength(64, MinimumLength = 1)] string ExternalId,
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [EmailAddress, StringLength(254)] string? Email);
