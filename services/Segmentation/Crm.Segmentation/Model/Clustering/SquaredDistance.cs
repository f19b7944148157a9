using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crm.Segmentation.Model.Clustering;

/// <summary>‖a − b‖², a vector's width of features at a time.</summary>
internal static class SquaredDistance
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Between(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (b.Length != a.Length)
        {
            throw new ArgumentException("Points of different dimensions.", nameof(b));
        }

        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        var width = Vector<double>.Count;
        var sum = Vector<double>.Zero;
        var j = 0;
        for (; j <= a.Length - width; j += width)
        {
            var difference = Vector.LoadUnsafe(ref x, (nuint)j) - Vector.LoadUnsafe(ref y, (nuint)j);
            sum += difference * difference;
        }

        var total = Vector.Sum(sum);
        for (; j < a.Length; j++)
        {
            var difference = Unsafe.Add(ref x, j) - Unsafe.Add(ref y, j);
            total += difference * difference;
        }

        return total;
    }

    /// <summary>‖x‖².</summary>
    public static double FromOrigin(ReadOnlySpan<double> x)
    {
        double total = 0;
        foreach (var value in x)
        {
            total += value * value;
        }

        return total;
    }
}
