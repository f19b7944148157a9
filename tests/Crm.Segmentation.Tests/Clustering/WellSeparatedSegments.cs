using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>Simulated customers in segments far apart compared with their spread, in features of different units.</summary>
internal static class WellSeparatedSegments
{
    public static readonly string[] Features = ["orders_per_year", "average_basket", "days_since_last_order"];

    /// <summary>
    /// Up to five segments with centres on corners of a cube, 10 spreads apart on each feature; feature units differ a
    /// hundredfold, as visits, pounds and days do. The corners are chosen so that every feature separates some
    /// segments: a feature that is pure noise would be scaled up to sd 1 by standardisation and blur the segments.
    /// </summary>
    public static SimulatedCustomers Simulate(int segments, int customers, int seed)
    {
        double[] units = [1, 100, 10];
        int[] corners = [0b000, 0b111, 0b011, 0b101, 0b110];
        var segmentsToDraw = Enumerable.Range(0, segments).Select(s => new SimulatedSegment(
            [.. units.Select((unit, j) => unit * 10 * ((corners[s] >> j) & 1))],
            [.. units.Select(unit => unit * (0.6 + 0.1 * s))],
            1 + 0.25 * s)).ToArray();
        return SegmentSimulator.Simulate(Features, segmentsToDraw, customers, seed);
    }
}
