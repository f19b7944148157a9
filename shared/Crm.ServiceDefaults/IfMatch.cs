using Microsoft.Net.Http.Headers;

namespace Crm.ServiceDefaults;

/// <summary>
/// The If-Match condition of RFC 9110 (section 13.1.1): <c>*</c>, or a list of entity tags of which one must match the
/// current one by strong comparison, so a weak tag (<c>W/"3"</c>) never matches. Several If-Match headers count as
/// one list. If-None-Match reads the same list but compares weakly. A list that does not parse matches nothing.
/// </summary>
public static class IfMatch
{
    public static bool Holds(string header, string currentETag) => Matches(header, currentETag, strong: true);

    /// <summary>The same list by weak comparison, as If-None-Match compares: <c>W/"3"</c> matches <c>"3"</c>.</summary>
    public static bool HoldsWeakly(string header, string currentETag) => Matches(header, currentETag, strong: false);

    private static bool Matches(string header, string currentETag, bool strong)
    {
        var current = EntityTagHeaderValue.Parse(currentETag);
        return EntityTagHeaderValue.TryParseStrictList([header], out var tags)
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, strong));
    }
}
