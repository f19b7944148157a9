namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// U(x, T, t): the BG/NBD expected purchases in the next t of a customer with x repeat purchases and age T, given the
/// customer is still alive, so that E[X(t) | x, t_x, T] = U · P(alive). It depends on x and T only, not on t_x, which is
/// what lets scoring cache it per distinct (x, T).
/// </summary>
/// <remarks>
/// The paper's form (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)], z = t/(α+T+t), has a
/// series whose numerator parameters grow with x. Euler's transformation turns the product into
/// (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z), whose numerator parameters do not depend on x, so the series converges
/// fast for any frequency. Writing ε = a−1 and 2F1 = 1 + ε·S, the bracket divided by ε is
/// −expm1(ε ln(1−z))/ε − (1−z)^ε · S: no 0/0 at a = 1 (the limit is −ln(1−z) − S), and no perturbation needed.
/// </remarks>
internal static class AliveCustomerPurchases
{
    private const double RelativeTolerance = 1e-12;
    private const int MaximumTerms = 1_000_000;

    public static double Expected(BgNbdParameters parameters, int frequency, double age, double horizon)
    {
        Span<double> expected = stackalloc double[1];
        Expected(parameters, frequency, age, [horizon], expected);
        return expected[0];
    }

    /// <summary>
    /// U for several horizons at once: the series' coefficients do not depend on the horizon, only its powers of z
    /// do, so the months of a lifetime-value horizon share one pass over the terms.
    /// </summary>
    public static void Expected(BgNbdParameters parameters, int frequency, double age, ReadOnlySpan<double> horizons, Span<double> expected)
    {
        var (r, alpha, a, b) = parameters;
        var epsilon = a - 1;
        var c = a + b + frequency - 1;
        var upper = a + b - 1 - r;
        var count = horizons.Length;
        var small = count <= 64;
        Span<double> z = small ? stackalloc double[count] : new double[count];
        Span<double> first = small ? stackalloc double[count] : new double[count];
        Span<double> scale = small ? stackalloc double[count] : new double[count];
        Span<double> power = small ? stackalloc double[count] : new double[count];
        Span<double> sum = small ? stackalloc double[count] : new double[count];
        Span<bool> done = small ? stackalloc bool[count] : new bool[count];
        var open = 0;
        for (var m = 0; m < count; m++)
        {
            if (horizons[m] <= 0)
            {
                expected[m] = 0;
                done[m] = true;
                continue;
            }

            z[m] = horizons[m] / (alpha + age + horizons[m]);
            var logOneMinusZ = Math.Log((alpha + age) / (alpha + age + horizons[m]));
            var product = epsilon * logOneMinusZ;
            scale[m] = Math.Exp(product);
            first[m] = c * (product == 0 ? -logOneMinusZ : -ExpMinusOne(product, scale[m]) / epsilon);
            power[m] = z[m];
            sum[m] = upper * z[m];
            open++;
        }

        // c·S = Σ_{k≥1} coefficient_k z^k, coefficient_k = (upper)_k (a)_{k−1} / ((c+1)_{k−1} k!); multiplying by c
        // keeps x = 0 with a+b = 1 finite.
        var coefficient = upper;
        for (var k = 1; open > 0; k++)
        {
            if (k == MaximumTerms)
            {
                throw new ModelFitException(
                    $"The expected purchases over {horizons[^1]:G4} time units for a customer of age {age:G4} with {frequency} repeat purchases did not converge in {MaximumTerms:N0} terms; the horizon is too long for so young a customer: shorten it.");
            }

            var growth = (epsilon + k) / (k + 1);
            var next = coefficient * (upper + k) / (c + k) * growth;
            // Past k > −upper every later ratio is below z·max(1, (ε+k)/(k+1)), which bounds the tail geometrically.
            var settled = k > -upper;
            for (var m = 0; m < count; m++)
            {
                if (done[m])
                {
                    continue;
                }

                var bound = z[m] * Math.Max(1, growth);
                if (settled && bound < 1 &&
                    scale[m] * Math.Abs(coefficient * power[m]) * bound <= RelativeTolerance * Math.Max(Math.Abs(first[m]), scale[m] * Math.Abs(sum[m])) * (1 - bound))
                {
                    expected[m] = first[m] - scale[m] * sum[m];
                    done[m] = true;
                    open--;
                    continue;
                }

                power[m] *= z[m];
                sum[m] += next * power[m];
            }

            coefficient = next;
        }
    }

    /// <summary>
    /// eˣ − 1 from u = eˣ, accurate for small x (Kahan's trick: the rounding of u cancels in the ratio); MathNet's Expm1
    /// truncates its series and is off in the eighth digit.
    /// </summary>
    private static double ExpMinusOne(double x, double u) => u == 1 ? x : u - 1 == -1 ? -1 : (u - 1) * x / Math.Log(u);
}
