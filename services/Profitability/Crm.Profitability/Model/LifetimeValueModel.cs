using Crm.Profitability.Model.Lifetime;

namespace Crm.Profitability.Model;

/// <summary>The two fitted models of a run or an analyst fit, as reported.</summary>
public sealed record LifetimeValueModel(FittedModel Purchases, FittedModel Spend)
{
    public static LifetimeValueModel Of(BgNbdFit purchases, GammaGammaFit spend) => new(
        new FittedModel("BG/NBD", purchases.Estimates, purchases.LogLikelihood, purchases.Customers, purchases.Iterations),
        new FittedModel("Gamma-Gamma", spend.Estimates, spend.LogLikelihood, spend.Customers, spend.Iterations));

    public BgNbdParameters PurchaseParameters() =>
        new(Purchases.Value("r"), Purchases.Value("alpha"), Purchases.Value("a"), Purchases.Value("b"));
}

/// <summary>Parameter estimates with standard errors and the maximised log-likelihood.</summary>
public sealed record FittedModel(string Name, IReadOnlyList<ParameterEstimate> Parameters, double LogLikelihood, int Customers, int Iterations)
{
    public double Value(string parameter) => Parameters.Single(estimate => estimate.Name == parameter).Value;
}
