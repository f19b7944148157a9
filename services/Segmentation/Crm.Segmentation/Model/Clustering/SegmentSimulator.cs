using MathNet.Numerics.Distributions;

namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// Draws customers from known segments (Gaussian blobs), to test that k-means recovers them and to benchmark on data
/// with a known answer. Deterministic for a seed.
/// </summary>
public static class SegmentSimulator
{
    /// <summary>Each customer's segment is drawn in proportion to the shares; then each feature ~ Normal(centre, spread).</summary>
    public static SimulatedCustomers Simulate(IReadOnlyList<string> featureNames, IReadOnlyList<SimulatedSegment> segments, int customers, int seed)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        var d = featureNames.Count;
        if (segments.Count == 0 || segments.Any(s => s.Centre.Length != d || s.Spread.Length != d || !(s.Share > 0) || s.Spread.Any(sd => !(sd >= 0))))
        {
            throw new ArgumentException($"Give at least one segment, each with {d} centres, {d} spreads ≥ 0 and a share > 0.", nameof(segments));
        }

        var cumulativeShares = new double[segments.Count];
        var runningShare = 0.0;
        for (var s = 0; s < segments.Count; s++)
        {
            runningShare += segments[s].Share;
            cumulativeShares[s] = runningShare;
        }

        var random = new Random(seed);
        var values = new double[customers * d];
        var truth = new int[customers];
        for (var i = 0; i < customers; i++)
        {
            var draw = random.NextDouble() * runningShare;
            var segment = Array.FindIndex(cumulativeShares, cumulative => draw < cumulative);
            if (segment < 0)
            {
                segment = segments.Count - 1;
            }

            truth[i] = segment;
            for (var j = 0; j < d; j++)
            {
                values[i * d + j] = segments[segment].Centre[j] + segments[segment].Spread[j] * Normal.Sample(random, 0, 1);
            }
        }

        return new SimulatedCustomers(new FeatureMatrix(featureNames, values), truth);
    }
}
