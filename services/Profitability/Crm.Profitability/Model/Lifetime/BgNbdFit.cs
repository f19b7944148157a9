namespace Crm.Profitability.Model.Lifetime;

/// <summary>The maximum-likelihood BG/NBD fit of a customer base.</summary>
/// <param name="RepeatCustomers">Customers with at least one repeat purchase; the model is not identified without them.</param>
/// <param name="Iterations">Quasi-Newton iterations the optimiser took, counting those on a subsample that starts the fit of a large base.</param>
public sealed record BgNbdFit(
    BgNbdParameters Parameters,
    IReadOnlyList<ParameterEstimate> Estimates,
    double LogLikelihood,
    int Customers,
    int RepeatCustomers,
    int Iterations);
