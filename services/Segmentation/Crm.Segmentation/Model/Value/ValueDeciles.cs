namespace Crm.Segmentation.Model.Value;

/// <summary>
/// The nine cut points that split the scored customers' lifetime values into deciles (decile 10 is the most
/// valuable tenth). Recomputed by a full recompute; a customer whose value is updated is placed against the current
/// cut points at once.
/// </summary>
public sealed class ValueDeciles
{
    private readonly double[] _cuts;

    private ValueDeciles(double[] cuts) => _cuts = cuts;

    public IReadOnlyList<double> Cuts => _cuts;

    /// <summary>The deciles of <paramref name="lifetimeValues"/> (sorted in place), by nearest rank.</summary>
    public static ValueDeciles Of(Span<double> lifetimeValues)
    {
        if (lifetimeValues.IsEmpty)
        {
            return new ValueDeciles(new double[9]);
        }

        lifetimeValues.Sort();
        var cuts = new double[9];
        for (var i = 0; i < cuts.Length; i++)
        {
            var rank = (int)Math.Ceiling((i + 1) / 10.0 * lifetimeValues.Length) - 1;
            cuts[i] = lifetimeValues[Math.Clamp(rank, 0, lifetimeValues.Length - 1)];
        }

        return new ValueDeciles(cuts);
    }

    public static ValueDeciles From(IReadOnlyList<double> cuts) =>
        cuts.Count == 9 ? new ValueDeciles([.. cuts]) : throw new ArgumentException("Value deciles have nine cut points.", nameof(cuts));

    /// <summary>1..10: one plus the number of cut points the value is above.</summary>
    public int DecileOf(double lifetimeValue)
    {
        var decile = 1;
        foreach (var cut in _cuts)
        {
            if (lifetimeValue > cut)
            {
                decile++;
            }
        }

        return decile;
    }
}
