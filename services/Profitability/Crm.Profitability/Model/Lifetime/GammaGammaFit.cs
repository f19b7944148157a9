namespace Crm.Profitability.Model.Lifetime;

/// <summary>The maximum-likelihood Gamma-Gamma fit of the repeat customers' spend.</summary>
/// <param name="Customers">Repeat customers with a positive mean spend: the ones the fit used.</param>
/// <param name="Excluded">Repeat customers left out because their mean spend was not positive (returns, free orders).</param>
/// <param name="Iterations">Quasi-Newton iterations the optimiser took, counting those on a subsample that starts the fit of a large base.</param>
public sealed record GammaGammaFit(
    GammaGammaParameters Parameters,
    IReadOnlyList<ParameterEstimate> Estimates,
    double LogLikelihood,
    int Customers,
    int Excluded,
    int Iterations);
