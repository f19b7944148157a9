namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// Which segment portrays the ideal customer: the most profitable one — highest average profit per member — among
/// those big enough for an average to mean something; ties go to the bigger segment, then the first by name.
/// </summary>
public sealed record IdealSegmentChoice(IdealSegmentCandidate Segment, string Reason, IReadOnlyList<IdealSegmentCandidate> Ranking)
{
    /// <returns>Null when no segment has <paramref name="minimumMembers"/> members and some valued.</returns>
    public static IdealSegmentChoice? Among(IEnumerable<IdealSegmentCandidate> segments, int minimumMembers)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var ranking = segments.Where(segment => segment.Members >= minimumMembers && segment.ValuedMembers > 0)
            .OrderByDescending(segment => segment.Profit / segment.Members)
            .ThenByDescending(segment => segment.Members)
            .ThenBy(segment => segment.Name, StringComparer.Ordinal)
            .ToList();
        if (ranking.Count == 0)
        {
            return null;
        }

        var best = ranking[0];
        var reason = FormattableString.Invariant(
                $"'{best.Name}' has the highest average profit per member ({best.AverageProfit:0.00} over {best.Members} members) ")
            + FormattableString.Invariant($"of the {ranking.Count} segment(s) with at least {minimumMembers} members")
            + (ranking.Count > 1 ? FormattableString.Invariant($"; next is '{ranking[1].Name}' ({ranking[1].AverageProfit:0.00}).") : ".");
        return new IdealSegmentChoice(best, reason, ranking);
    }
}
