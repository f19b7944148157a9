namespace Crm.Segmentation.Model.Rfm;

/// <summary>
/// The four cut points (20th, 40th, 60th and 80th percentiles) that split a population's values into quintiles.
/// A value scores 1 + the number of cut points it exceeds, so a new customer is scored against the current
/// population in O(1) without re-ranking everyone: what lets RFM follow each transaction as it arrives.
/// </summary>
public sealed record Quintiles(double Q20, double Q40, double Q60, double Q80)
{
    /// <summary>The quintiles of <paramref name="values"/> (sorted in place), by nearest rank.</summary>
    public static Quintiles Of(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return new Quintiles(0, 0, 0, 0);
        }

        values.Sort();
        return new Quintiles(At(values, 0.2), At(values, 0.4), At(values, 0.6), At(values, 0.8));
    }

    /// <summary>The value at a share of the sorted values, by nearest rank.</summary>
    private static double At(ReadOnlySpan<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>1..5: how many of the population's quintile boundaries the value is above, plus one.</summary>
    public int ScoreHigherIsBetter(double value) =>
        1 + (value > Q20 ? 1 : 0) + (value > Q40 ? 1 : 0) + (value > Q60 ? 1 : 0) + (value > Q80 ? 1 : 0);

    /// <summary>1..5 for values where less is better (days since the last purchase).</summary>
    public int ScoreLowerIsBetter(double value) =>
        1 + (value <= Q80 ? 1 : 0) + (value <= Q60 ? 1 : 0) + (value <= Q40 ? 1 : 0) + (value <= Q20 ? 1 : 0);
}
