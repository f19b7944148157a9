namespace Crm.Profitability.Model.Lifetime;

/// <summary>Systematic subsamples: every k-th customer, deterministic and spread over the whole base.</summary>
internal static class Subsample
{
    public static T[] EveryKth<T>(T[] values, int stride)
    {
        var sample = new T[(values.Length + stride - 1) / stride];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = values[i * stride];
        }

        return sample;
    }
}
