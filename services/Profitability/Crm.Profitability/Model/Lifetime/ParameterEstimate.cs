namespace Crm.Profitability.Model.Lifetime;

/// <summary>A fitted parameter with its asymptotic standard error (from the observed information).</summary>
public sealed record ParameterEstimate(string Name, double Value, double StandardError);
