namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// The BG/NBD purchase model's population: purchase rates are Gamma(<paramref name="R"/>, <paramref name="Alpha"/>)
/// (shape, rate per time unit); the chance of dropping out after each purchase is Beta(<paramref name="A"/>, <paramref name="B"/>).
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B);
