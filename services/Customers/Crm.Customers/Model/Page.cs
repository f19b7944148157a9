namespace Crm.Customers.Model;

/// <summary>One page of a keyset-paginated list; <see cref="Next"/> is the <c>after</c> value of the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
