namespace Crm.Customers.Apis;

/// <summary>
/// The If-Match condition of RFC 9110 (section 13.1.1): <c>*</c>, or a list of entity tags of which one must match the
/// current one by strong comparison, so a weak tag (<c>W/"3"</c>) never matches. Several If-Match headers count as
/// one list. If-None-Match reads the same list but compares weakly.
/// </summary>
public static class IfMatch
{
    public static bool Holds(string header, string currentETag) =>
        header.Trim() == "*" || EntityTags(header).Any(tag => tag == currentETag);

    /// <summary>The same list by weak comparison, as If-None-Match compares: <c>W/"3"</c> matches <c>"3"</c>.</summary>
    public static bool HoldsWeakly(string header, string currentETag) =>
        header.Trim() == "*" || EntityTags(header).Any(tag => (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == currentETag);

    // Entity tags are quoted and may hold commas, so the list is split on commas outside quotes.
    private static IEnumerable<string> EntityTags(string header)
    {
        var start = 0;
        var quoted = false;
        for (var index = 0; index <= header.Length; index++)
        {
            if (index == header.Length || (header[index] == ',' && !quoted))
            {
                var tag = header[start..index].Trim();
                if (tag.Length > 0)
                {
                    yield return tag;
                }

                start = index + 1;
            }
            else if (header[index] == '"')
            {
                quoted = !quoted;
            }
        }
    }
}
