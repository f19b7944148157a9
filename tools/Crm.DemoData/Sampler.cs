namespace Crm.DemoData;

/// <summary>
/// The distributions the generator draws from, on top of <see cref="Random"/> with a seed (whose seeded algorithm
/// .NET keeps stable across versions, so a seed means the same data on every run).
/// </summary>
public sealed class Sampler(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public double Uniform(double min, double max) => min + ((max - min) * _random.NextDouble());

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    /// <summary>Standard normal by the polar method.</summary>
    public double Normal()
    {
        while (true)
        {
            var u = (2 * _random.NextDouble()) - 1;
            var v = (2 * _random.NextDouble()) - 1;
            var s = (u * u) + (v * v);
            if (s is > 0 and < 1)
            {
                return u * Math.Sqrt(-2 * Math.Log(s) / s);
            }
        }
    }

    /// <summary>Exponential waiting time for an event rate <paramref name="rate"/> (per unit of time).</summary>
    public double Exponential(double rate) => -Math.Log(1 - _random.NextDouble()) / rate;

    /// <summary>Gamma(shape, rate) by Marsaglia and Tsang (2000); shapes below 1 are boosted by U^(1/shape).</summary>
    public double Gamma(double shape, double rate)
    {
        if (shape < 1)
        {
            var boost = Math.Pow(1 - _random.NextDouble(), 1 / shape);
            return Gamma(shape + 1, rate) * boost;
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - _random.NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v / rate;
            }
        }
    }

    /// <summary>Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).</summary>
    public double Beta(double a, double b)
    {
        var x = Gamma(a, 1);
        var y = Gamma(b, 1);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /// <summary>Poisson by counting exponential gaps (small means only).</summary>
    public int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        var product = 1 - _random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= 1 - _random.NextDouble();
        }

        return count;
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var target = _random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A seed for one customer's own stream: customers do not depend on how many come before or after.</summary>
    public static int DeriveSeed(int seed, int index)
    {
        // SplitMix64 finaliser over seed and index.
        var z = ((ulong)(uint)seed << 32) | (uint)index;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
