using Crm.Analytics;
using MathNet.Numerics;

namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// The Gamma-Gamma log-likelihood of the repeat customers' mean spend and its gradient. The log-gammas and px·ln x
/// are computed once per distinct x and the ln m̄ sums once per fit, leaving one logarithm per customer.
/// </summary>
internal sealed class GammaGammaLikelihood
{
    private readonly int[] frequency;
    private readonly double[] totalSpend;
    private readonly FrequencyHistogram histogram;
    private readonly double[] logFrequency;
    private readonly double sumLogSpend;
    private readonly double sumFrequencyLogSpend;

    /// <summary>Takes repeat customers only: x &gt; 0 and mean spend m̄ &gt; 0.</summary>
    public GammaGammaLikelihood(int[] frequency, double[] monetaryValue)
    {
        this.frequency = frequency;
        totalSpend = new double[frequency.Length];
        for (var i = 0; i < frequency.Length; i++)
        {
            totalSpend[i] = monetaryValue[i] * frequency[i];
            var logSpend = Math.Log(monetaryValue[i]);
            sumLogSpend += logSpend;
            sumFrequencyLogSpend += frequency[i] * logSpend;
        }

        histogram = new FrequencyHistogram(frequency);
        logFrequency = [.. histogram.Values.Select(x => Math.Log(x))];
    }

    public int Customers => frequency.Length;

    /// <summary>
    /// The total log-likelihood at (p, q, γ); when <paramref name="gradient"/> is given it receives the partial
    /// derivatives with respect to p, q and γ.
    /// </summary>
    public double Evaluate(GammaGammaParameters parameters, double[]? gradient)
    {
        var (p, q, gamma) = parameters;
        var sums = ChunkedSum.Run(frequency.Length, 4, (start, end, partial) =>
        {
            double sumLog = 0, sumFrequencyLog = 0, sumFrequencyInverse = 0, sumInverse = 0;
            for (var i = start; i < end; i++)
            {
                // ln(γ + m̄x) and its γ-derivative, the only per-customer work.
                var x = frequency[i];
                var scale = gamma + totalSpend[i];
                var log = Math.Log(scale);
                var inverse = 1 / scale;
                sumLog += log;
                sumFrequencyLog += x * log;
                sumInverse += inverse;
                sumFrequencyInverse += x * inverse;
            }

            partial[0] += sumLog;
            partial[1] += sumFrequencyLog;
            partial[2] += sumFrequencyInverse;
            partial[3] += sumInverse;
        });

        double n = frequency.Length;
        var values = histogram.Values;
        var counts = histogram.Counts;
        var logGamma = Math.Log(gamma);
        var total = n * (q * logGamma - SpecialFunctions.GammaLn(q)) + p * sumFrequencyLogSpend - sumLogSpend
            - p * sums[1] - q * sums[0];
        for (var s = 0; s < values.Length; s++)
        {
            var px = p * values[s];
            total += counts[s] * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) + px * logFrequency[s]);
        }

        if (gradient is not null)
        {
            double byP = sumFrequencyLogSpend - sums[1], byQ = n * (logGamma - SpecialFunctions.DiGamma(q)) - sums[0];
            for (var s = 0; s < values.Length; s++)
            {
                var x = values[s];
                var digammaPxq = SpecialFunctions.DiGamma(p * x + q);
                byP += counts[s] * x * (digammaPxq - SpecialFunctions.DiGamma(p * x) + logFrequency[s]);
                byQ += counts[s] * digammaPxq;
            }

            gradient[0] = byP;
            gradient[1] = byQ;
            gradient[2] = n * q / gamma - p * sums[2] - q * sums[3];
        }

        return total;
    }
}
