namespace Crm.Customers.Imports;

/// <summary>
/// A page of an import's row errors in line order; <see cref="Next"/> is the <c>after</c> of the next page: a line
/// number when the page ends with that line's last error, otherwise <c>line:n</c>, naming the page's last error.
/// </summary>
public sealed record ImportErrorsPage(IReadOnlyList<ImportRowError> Items, string? Next);
