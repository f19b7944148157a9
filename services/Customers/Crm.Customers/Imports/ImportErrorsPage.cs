namespace Crm.Customers.Imports;

/// <summary>A page of an import's row errors in line order; <see cref="Next"/> is the <c>after</c> of the next page.</summary>
public sealed record ImportErrorsPage(IReadOnlyList<ImportRowError> Items, long? Next);
