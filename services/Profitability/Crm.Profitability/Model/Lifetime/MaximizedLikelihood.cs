namespace Crm.Profitability.Model.Lifetime;

/// <summary>Where the optimiser found the maximum.</summary>
/// <param name="Parameters">The natural (positive) parameters at the maximum.</param>
/// <param name="InverseHessian">The optimiser's final approximation of the inverse Hessian of the mean negative
/// log-likelihood over the log-parameters: a warm start for a refit of similar data.</param>
internal sealed record MaximizedLikelihood(double[] Parameters, double LogLikelihood, int Iterations, double[,] InverseHessian);
