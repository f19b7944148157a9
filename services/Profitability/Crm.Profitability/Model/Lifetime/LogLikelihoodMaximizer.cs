namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// BFGS over the logarithms of positive parameters (so the search is unconstrained), minimising the mean negative
/// log-likelihood per customer, which keeps the scale of steps and gradients independent of the number of customers.
/// </summary>
internal static class LogLikelihoodMaximizer
{
    private const double SmallestParameter = 1e-8;
    private const double LargestParameter = 1e6;
    private const int MaximumIterations = 300;
    private const double GradientTolerance = 1e-9;
    private const double DecreaseTolerance = 1e-13;
    // Steps are capped so a trial point never leaves the range where the gamma functions are finite.
    private const double LargestLogStep = 2;

    // Bases at least four times this size start from a fit to a systematic subsample of about this size.
    private const int SubsampleSize = 50_000;

    /// <summary>
    /// For a large base, most iterations run on every k-th customer: the subsample's maximum and its curvature (the
    /// mean log-likelihood's Hessian is nearly the same) start the full fit a few steps from its end.
    /// </summary>
    /// <param name="everyKth">The log-likelihood of every k-th customer, and how many customers that is.</param>
    public static MaximizedLikelihood MaximizeWarmStarted(
        Func<double[], double[]?, double> logLikelihood,
        int customers,
        Func<int, (Func<double[], double[]?, double> LogLikelihood, int Customers)> everyKth,
        double[] start,
        string[] names)
    {
        if (customers < 4 * SubsampleSize)
        {
            return Maximize(logLikelihood, start, names, customers);
        }

        MaximizedLikelihood subsample;
        try
        {
            var (subsampleLogLikelihood, subsampleCustomers) = everyKth(customers / SubsampleSize);
            subsample = Maximize(subsampleLogLikelihood, start, names, subsampleCustomers);
        }
        catch (ModelFitException)
        {
            // The subsample may lack what the whole base has (enough repeat buyers): fit the whole base from the start.
            return Maximize(logLikelihood, start, names, customers);
        }

        var full = Maximize(logLikelihood, subsample.Parameters, names, customers, subsample.InverseHessian);
        return full with { Iterations = subsample.Iterations + full.Iterations };
    }

    /// <param name="logLikelihood">The total log-likelihood at natural parameters, filling the gradient by them when given one.</param>
    /// <param name="inverseHessian">A previous fit's approximation to start from, or null for a scaled identity.</param>
    /// <exception cref="ModelFitException">A parameter ran to its limit, or the optimiser found no maximum.</exception>
    public static MaximizedLikelihood Maximize(
        Func<double[], double[]?, double> logLikelihood, double[] start, string[] names, int customers, double[,]? inverseHessian = null)
    {
        var k = start.Length;
        var natural = new double[k];
        var naturalGradient = new double[k];
        double Objective(double[] point, double[] gradient)
        {
            for (var j = 0; j < k; j++)
            {
                natural[j] = Math.Exp(point[j]);
            }

            var value = -logLikelihood(natural, naturalGradient) / customers;
            for (var j = 0; j < k; j++)
            {
                gradient[j] = -natural[j] * naturalGradient[j] / customers;
            }

            return double.IsFinite(value) && gradient.All(double.IsFinite) ? value : double.PositiveInfinity;
        }

        var x = start.Select(value => Math.Log(value)).ToArray();
        var g = new double[k];
        var f = Objective(x, g);
        if (double.IsPositiveInfinity(f))
        {
            throw new ModelFitException("The log-likelihood cannot be evaluated at the starting values; the data do not identify the model.");
        }

        var h = inverseHessian is null ? Identity(k) : (double[,])inverseHessian.Clone();
        var scaled = inverseHessian is not null;
        var trial = new double[k];
        var trialGradient = new double[k];
        var direction = new double[k];
        for (var iteration = 1; iteration <= MaximumIterations; iteration++)
        {
            if (MaxAbs(g) <= GradientTolerance)
            {
                return Result(x, f, iteration - 1, h, customers);
            }

            var slope = 0.0;
            for (var i = 0; i < k; i++)
            {
                direction[i] = 0;
                for (var j = 0; j < k; j++)
                {
                    direction[i] -= h[i, j] * g[j];
                }

                slope += direction[i] * g[i];
            }

            if (slope >= 0)
            {
                // The approximation lost positive definiteness: restart from steepest descent.
                h = Identity(k);
                scaled = false;
                for (var i = 0; i < k; i++)
                {
                    direction[i] = -g[i];
                }

                slope = -g.Sum(v => v * v);
            }

            if (-slope <= DecreaseTolerance * Math.Max(1, Math.Abs(f)) && MaxAbs(g) <= 1e-4)
            {
                // The quasi-Newton step would gain less than the rounding noise of a sum over all customers.
                return Result(x, f, iteration - 1, h, customers);
            }

            var longest = MaxAbs(direction);
            var step = longest > LargestLogStep ? LargestLogStep / longest : 1.0;
            double trialValue;
            var backtracks = 0;
            while (true)
            {
                for (var j = 0; j < k; j++)
                {
                    trial[j] = x[j] + step * direction[j];
                }

                trialValue = Objective(trial, trialGradient);
                if (trialValue <= f + 1e-4 * step * slope)
                {
                    break;
                }

                if (++backtracks > 50)
                {
                    // No descent within rounding: accept the point if the gradient is already negligible.
                    return MaxAbs(g) <= 1e-5
                        ? Result(x, f, iteration, h, customers)
                        : throw new ModelFitException($"The fit did not converge (gradient {MaxAbs(g):G3} after {iteration} iterations); the data do not identify the model.");
                }

                // Minimum of the quadratic through f, the slope and the trial value, kept within [0.1, 0.5] of the step.
                var quadratic = double.IsFinite(trialValue) ? -slope * step * step / (2 * (trialValue - f - slope * step)) : 0.1 * step;
                step = Math.Clamp(quadratic, 0.1 * step, 0.5 * step);
            }

            UpdateInverseHessian(h, trial, x, trialGradient, g, ref scaled);
            Array.Copy(trial, x, k);
            Array.Copy(trialGradient, g, k);
            f = trialValue;
            for (var j = 0; j < k; j++)
            {
                var value = Math.Exp(x[j]);
                if (value < SmallestParameter || value > LargestParameter)
                {
                    throw new ModelFitException(
                        $"The data do not identify the model: {names[j]} ran to {value:G3} while fitting. This happens when there are too few customers or repeat purchases, or when all customers look alike; use a longer calibration period or more customers.");
                }
            }
        }

        throw new ModelFitException($"The fit did not converge in {MaximumIterations} iterations; the data do not identify the model.");
    }

    private static void UpdateInverseHessian(double[,] h, double[] next, double[] current, double[] nextGradient, double[] gradient, ref bool scaled)
    {
        var k = next.Length;
        var s = new double[k];
        var y = new double[k];
        for (var j = 0; j < k; j++)
        {
            s[j] = next[j] - current[j];
            y[j] = nextGradient[j] - gradient[j];
        }

        var sy = s.Zip(y, (a, b) => a * b).Sum();
        if (sy <= 1e-12 * Math.Sqrt(s.Sum(v => v * v) * y.Sum(v => v * v)))
        {
            // No curvature information along this step (it would break positive definiteness): keep the old approximation.
            return;
        }

        if (!scaled)
        {
            // Shanno-Phua scaling: the identity has no idea of the problem's scale; the first step does.
            var factor = sy / y.Sum(v => v * v);
            for (var i = 0; i < k; i++)
            {
                h[i, i] *= factor;
            }

            scaled = true;
        }

        var hy = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                hy[i] += h[i, j] * y[j];
            }
        }

        var yhy = y.Zip(hy, (a, b) => a * b).Sum();
        var rho = 1 / sy;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                h[i, j] += ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]) * rho;
            }
        }
    }

    private static MaximizedLikelihood Result(double[] x, double f, int iterations, double[,] h, int customers) =>
        new([.. x.Select(value => Math.Exp(value))], -f * customers, iterations, h);

    private static double MaxAbs(double[] values) => values.Max(Math.Abs);

    private static double[,] Identity(int k)
    {
        var identity = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            identity[i, i] = 1;
        }

        return identity;
    }
}
