namespace Crm.Customers.Model;

/// <summary>One page of a keyset-paginated list; <see cref="Next"/> is the <c>after</c> value of the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>Keyset paging over lists ordered by time-ordered ids.</summary>
public static class Page
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    /// <summary>
    /// The page from rows fetched with one extra (<paramref name="limit"/> + 1): the extra row only says that there is
    /// a next page, which starts after the last item kept.
    /// </summary>
    public static Page<T> Of<T>(IReadOnlyList<T> rows, int limit, Func<T, Guid> id)
    {
        var items = rows.Take(limit).ToList();
        return new Page<T>(items, rows.Count > limit ? id(items[^1]).ToString() : null);
    }

    /// <summary>Every item of a list, fetched page by page (exports).</summary>
    public static async Task<IReadOnlyList<T>> AllAsync<T>(Func<Guid?, Task<Page<T>>> fetch)
    {
        var all = new List<T>();
        Guid? after = null;
        do
        {
            var page = await fetch(after);
            all.AddRange(page.Items);
            after = page.Next is null ? null : Guid.Parse(page.Next);
        }
        while (after is not null);
        return all;
    }

    /// <summary>Checks a requested page size.</summary>
    public static void CheckLimit(ValidationErrors errors, int? limit, int max = MaxSize)
    {
        if (limit is < 1 || limit > max)
        {
            errors.Add("limit", $"must be between 1 and {max}.");
        }
    }
}
