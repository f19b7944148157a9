using Crm.Analytics;
using MathNet.Numerics;

namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// The BG/NBD log-likelihood of a customer base and its gradient, arranged for speed: everything that depends on x
/// alone is computed once per distinct x, leaving per customer two logarithms and one log-sum-exp.
/// </summary>
internal sealed class BgNbdLikelihood
{
    private readonly int[] frequency;
    private readonly double[] recency;
    private readonly double[] age;
    private readonly FrequencyHistogram histogram;

    public BgNbdLikelihood(int[] frequency, double[] recency, double[] age)
    {
        this.frequency = frequency;
        this.recency = recency;
        this.age = age;
        histogram = new FrequencyHistogram(frequency);
    }

    public int Customers => frequency.Length;

    /// <summary>
    /// The total log-likelihood at (r, α, a, b); when <paramref name="gradient"/> is given it receives the partial
    /// derivatives with respect to r, α, a and b.
    /// </summary>
    public double Evaluate(BgNbdParameters parameters, double[]? gradient)
    {
        var (r, alpha, a, b) = parameters;
        var values = histogram.Values;
        var counts = histogram.Counts;

        // Per distinct x: ln(a/(b+x−1)) and 1/(b+x−1), the repeat-buyer term's log-weight and its b-derivative.
        var logWeight = new double[values.Length];
        var inverseBx = new double[values.Length];
        var logA = Math.Log(a);
        for (var s = 0; s < values.Length; s++)
        {
            if (values[s] > 0)
            {
                inverseBx[s] = 1 / (b + values[s] - 1);
                logWeight[s] = logA - Math.Log(b + values[s] - 1);
            }
        }

        var slot = histogram.Slot;
        var sums = ChunkedSum.Run(frequency.Length, 5, (start, end, partial) =>
        {
            double logLikelihood = 0, sumR = 0, sumAlpha = 0, sumA = 0, sumB = 0;
            for (var i = start; i < end; i++)
            {
                var x = frequency[i];
                var rx = r + x;
                var alphaT = alpha + age[i];
                var logAlphaT = Math.Log(alphaT);
                if (x == 0)
                {
                    logLikelihood -= rx * logAlphaT;
                    sumR += logAlphaT;
                    sumAlpha += rx / alphaT;
                    continue;
                }

                var alphaTx = alpha + recency[i];
                var logAlphaTx = Math.Log(alphaTx);
                var s = slot[i];
                var stillAlive = -rx * logAlphaT;
                var droppedOut = logWeight[s] - rx * logAlphaTx;
                // Log-sum-exp of the two terms, and the share w of the dropped-out one, which weights its derivatives.
                double logSum, w;
                if (droppedOut > stillAlive)
                {
                    var e = Math.Exp(stillAlive - droppedOut);
                    logSum = droppedOut + Math.Log(1 + e);
                    w = 1 / (1 + e);
                }
                else
                {
                    var e = Math.Exp(droppedOut - stillAlive);
                    logSum = stillAlive + Math.Log(1 + e);
                    w = e / (1 + e);
                }

                logLikelihood += logSum;
                sumR += (1 - w) * logAlphaT + w * logAlphaTx;
                sumAlpha += rx * ((1 - w) / alphaT + w / alphaTx);
                sumA += w;
                sumB += w * inverseBx[s];
            }

            partial[0] += logLikelihood;
            partial[1] += sumR;
            partial[2] += sumAlpha;
            partial[3] += sumA;
            partial[4] += sumB;
        });

        double n = frequency.Length;
        var logAlpha = Math.Log(alpha);
        var total = n * r * logAlpha;
        for (var s = 0; s < values.Length; s++)
        {
            var x = values[s];
            if (x > 0)
            {
                total += counts[s] * (SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r)
                    + SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(b)
                    - SpecialFunctions.GammaLn(a + b + x) + SpecialFunctions.GammaLn(a + b));
            }
        }

        total += sums[0];
        if (gradient is not null)
        {
            var digammaR = SpecialFunctions.DiGamma(r);
            var digammaB = SpecialFunctions.DiGamma(b);
            var digammaAb = SpecialFunctions.DiGamma(a + b);
            double byR = n * logAlpha - sums[1], byA = sums[3] / a, byB = -sums[4];
            for (var s = 0; s < values.Length; s++)
            {
                var x = values[s];
                if (x > 0)
                {
                    var digammaAbx = SpecialFunctions.DiGamma(a + b + x);
                    byR += counts[s] * (SpecialFunctions.DiGamma(r + x) - digammaR);
                    byA += counts[s] * (digammaAb - digammaAbx);
                    byB += counts[s] * (digammaAb + SpecialFunctions.DiGamma(b + x) - digammaB - digammaAbx);
                }
            }

            gradient[0] = byR;
            gradient[1] = n * r / alpha - sums[2];
            gradient[2] = byA;
            gradient[3] = byB;
        }

        return total;
    }
}
