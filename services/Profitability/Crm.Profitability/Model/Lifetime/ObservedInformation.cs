using MathNet.Numerics.LinearAlgebra;

namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// Standard errors from the observed information: the negative Hessian of the total log-likelihood in the natural
/// parameters, by central differences of the analytic gradient, inverted through its Cholesky factor.
/// </summary>
internal static class ObservedInformation
{
    // Near the cube root of the machine epsilon: balances truncation against rounding for a difference of gradients.
    private const double RelativeStep = 1e-5;

    /// <exception cref="ModelFitException">The information is not positive definite: the maximum is not a proper one.</exception>
    public static ParameterEstimate[] Estimates(Func<double[], double[]?, double> logLikelihood, double[] maximum, string[] names)
    {
        var k = maximum.Length;
        var hessian = new double[k, k];
        var plus = new double[k];
        var minus = new double[k];
        for (var j = 0; j < k; j++)
        {
            var step = RelativeStep * maximum[j];
            var point = (double[])maximum.Clone();
            point[j] = maximum[j] + step;
            logLikelihood(point, plus);
            point[j] = maximum[j] - step;
            logLikelihood(point, minus);
            for (var i = 0; i < k; i++)
            {
                hessian[i, j] = (plus[i] - minus[i]) / (2 * step);
            }
        }

        var information = Matrix<double>.Build.Dense(k, k, (i, j) => -(hessian[i, j] + hessian[j, i]) / 2);
        Matrix<double> covariance;
        try
        {
            covariance = information.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
        }
        catch (ArgumentException)
        {
            throw new ModelFitException("The data do not identify the model: the log-likelihood is flat or not at a maximum in some direction, so the parameters have no standard errors. Use more customers or a longer calibration period.");
        }

        var estimates = new ParameterEstimate[k];
        for (var j = 0; j < k; j++)
        {
            var variance = covariance[j, j];
            if (!(variance > 0) || !double.IsFinite(variance))
            {
                throw new ModelFitException($"The data do not identify the model: the standard error of {names[j]} cannot be computed.");
            }

            estimates[j] = new ParameterEstimate(names[j], maximum[j], Math.Sqrt(variance));
        }

        return estimates;
    }
}
