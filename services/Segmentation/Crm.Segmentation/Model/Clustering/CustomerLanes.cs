using System.Numerics;
using System.Runtime.Intrinsics;

namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// A vector's width of customers side by side, one per lane, feature by feature: distances from all of them to a
/// centroid come out of the same instructions, with no sum across lanes, the costly step when one customer's features
/// fill the lanes instead.
/// </summary>
internal static class CustomerLanes
{
    public static int Width => Vector<double>.Count;

    /// <summary>Each value as a vector of that value in every lane: centroids ready to compare with customer lanes.</summary>
    public static Vector<double>[] Broadcast(ReadOnlySpan<double> values)
    {
        var broadcast = new Vector<double>[values.Length];
        for (var at = 0; at < values.Length; at++)
        {
            broadcast[at] = new Vector<double>(values[at]);
        }

        return broadcast;
    }

    /// <summary>Loads up to <see cref="Width"/> customers; unused lanes repeat the first customer, and their results are not read.</summary>
    public static void Load(double[] values, int d, ReadOnlySpan<int> rows, Span<Vector<double>> lanes)
    {
        Span<int> starts = stackalloc int[Width];
        for (var l = 0; l < Width; l++)
        {
            starts[l] = rows[l < rows.Length ? l : 0] * d;
        }

        LoadFrom(values, d, starts, lanes);
    }

    /// <summary>Loads the <see cref="Width"/> customers from <paramref name="firstRow"/> on.</summary>
    public static void Load(double[] values, int d, int firstRow, Span<Vector<double>> lanes)
    {
        Span<int> starts = stackalloc int[Width];
        for (var l = 0; l < Width; l++)
        {
            starts[l] = (firstRow + l) * d;
        }

        LoadFrom(values, d, starts, lanes);
    }

    private static void LoadFrom(double[] values, int d, ReadOnlySpan<int> starts, Span<Vector<double>> lanes)
    {
        if (Vector<double>.Count == 4)
        {
            // Built in registers: writing lanes to memory and reading them back as a vector stalls store forwarding.
            var (a, b, c, e) = (starts[0], starts[1], starts[2], starts[3]);
            for (var j = 0; j < d; j++)
            {
                lanes[j] = Vector256.Create(values[a + j], values[b + j], values[c + j], values[e + j]).AsVector();
            }

            return;
        }

        Span<double> lane = stackalloc double[Width];
        for (var j = 0; j < d; j++)
        {
            for (var l = 0; l < Width; l++)
            {
                lane[l] = values[starts[l] + j];
            }

            lanes[j] = new Vector<double>(lane);
        }
    }

    /// <summary>‖x − c‖² for the customer in each lane.</summary>
    /// <param name="centroid">The centroid's d coordinates, broadcast.</param>
    public static Vector<double> SquaredDistances(ReadOnlySpan<Vector<double>> lanes, ReadOnlySpan<Vector<double>> centroid)
    {
        // Two running sums halve the chain of dependent additions.
        Vector<double> even = Vector<double>.Zero, odd = Vector<double>.Zero;
        var j = 0;
        for (; j < lanes.Length - 1; j += 2)
        {
            var evenDifference = lanes[j] - centroid[j];
            var oddDifference = lanes[j + 1] - centroid[j + 1];
            even += evenDifference * evenDifference;
            odd += oddDifference * oddDifference;
        }

        if (j < lanes.Length)
        {
            var difference = lanes[j] - centroid[j];
            even += difference * difference;
        }

        return even + odd;
    }
}
