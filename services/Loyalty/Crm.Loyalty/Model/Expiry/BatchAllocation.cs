namespace Crm.Loyalty.Model.Expiry;

/// <summary>
/// Which earning batches pay for spent points and which expire. Spending takes the batch that expires first (then the
/// earliest earned, then the lowest id), partly if need be, so a partial redemption uses up the points closest to
/// expiring and never leaves a whole balance to lapse at once; what is left in a batch expires at its own date.
/// </summary>
public static class BatchAllocation
{
    /// <summary>The debits that take <paramref name="points"/> from the batches, soonest-expiring first.</summary>
    /// <exception cref="InsufficientPointsException">The batches hold fewer points than asked; nothing is taken.</exception>
    public static IReadOnlyList<BatchDebit> Take(IEnumerable<EarningBatch> batches, long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        var debits = new List<BatchDebit>();
        var left = points;
        foreach (var batch in InSpendingOrder(batches))
        {
            if (left == 0)
            {
                break;
            }

            var taken = Math.Min(left, batch.Remaining);
            debits.Add(new BatchDebit(batch.Id, taken));
            left -= taken;
        }

        if (left > 0)
        {
            throw new InsufficientPointsException(points, points - left);
        }

        return debits;
    }

    /// <summary>Like <see cref="Take(IEnumerable{EarningBatch}, long)"/>, leaving out batches already expired at <paramref name="now"/>.</summary>
    public static IReadOnlyList<BatchDebit> Take(IEnumerable<EarningBatch> batches, long points, DateTimeOffset now) =>
        Take(batches.Where(batch => batch.ExpiresAt > now), points);

    /// <summary>The points the batches hold that have not expired at <paramref name="now"/>.</summary>
    public static long Available(IEnumerable<EarningBatch> batches, DateTimeOffset now) =>
        batches.Where(batch => batch.ExpiresAt > now && batch.Remaining > 0).Sum(batch => batch.Remaining);

    /// <summary>Batches with points left whose expiry has come (ExpiresAt ≤ now), soonest first: their remaining points expire.</summary>
    public static IReadOnlyList<EarningBatch> Expiring(IEnumerable<EarningBatch> batches, DateTimeOffset now) =>
        InSpendingOrder(batches.Where(batch => batch.ExpiresAt <= now)).ToArray();

    /// <summary>
    /// Batches with points left that expire within <paramref name="noticeAhead"/> of <paramref name="now"/> but not yet
    /// (now &lt; ExpiresAt ≤ now + noticeAhead), soonest first: the member should be told. Whether a notice was already
    /// sent for a batch is the caller's to remember.
    /// </summary>
    public static IReadOnlyList<EarningBatch> DueForNotice(IEnumerable<EarningBatch> batches, DateTimeOffset now, TimeSpan noticeAhead) =>
        InSpendingOrder(batches.Where(batch => batch.ExpiresAt > now && batch.ExpiresAt <= now + noticeAhead)).ToArray();

    private static IEnumerable<EarningBatch> InSpendingOrder(IEnumerable<EarningBatch> batches) =>
        batches
            .Where(batch => batch.Remaining > 0)
            .OrderBy(batch => batch.ExpiresAt)
            .ThenBy(batch => batch.EarnedAt)
            .ThenBy(batch => batch.Id);
}
