namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// How many points a return takes back from the purchase it returns: the returned share of the purchase's net amount
/// of the points it earned. The share is taken of the running total returned and rounded down, so partial returns
/// never take more than their share, successive returns carry no rounding drift, and the return that completes the
/// purchase takes exactly what is left.
/// </summary>
public static class ReturnReversal
{
    /// <param name="pointsEarned">Everything the purchase earned.</param>
    /// <param name="alreadyReversed">Points earlier returns of the purchase took back.</param>
    /// <param name="originalNet">The purchase's net amount.</param>
    /// <param name="returnedNet">The net amount of this return.</param>
    /// <param name="alreadyReturnedNet">The net amount earlier returns of the purchase took back.</param>
    public static long PointsToReverse(long pointsEarned, long alreadyReversed, decimal originalNet, decimal returnedNet, decimal alreadyReturnedNet)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pointsEarned);
        ArgumentOutOfRangeException.ThrowIfNegative(alreadyReversed);
        ArgumentOutOfRangeException.ThrowIfNegative(returnedNet);
        ArgumentOutOfRangeException.ThrowIfNegative(alreadyReturnedNet);

        var left = Math.Max(0L, pointsEarned - alreadyReversed);
        if (left == 0 || returnedNet == 0)
        {
            return 0;
        }

        var returnedInAll = alreadyReturnedNet + returnedNet;
        if (originalNet <= 0 || returnedInAll >= originalNet)
        {
            return left;
        }

        var dueInAll = decimal.ToInt64(decimal.Floor(pointsEarned * returnedInAll / originalNet));
        return Math.Clamp(dueInAll - alreadyReversed, 0L, left);
    }
}
