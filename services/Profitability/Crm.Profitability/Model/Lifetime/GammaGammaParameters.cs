using System.Text;

namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// The Gamma-Gamma spend model: each transaction is Gamma(<paramref name="P"/>, ν) and the customer's ν is
/// Gamma(<paramref name="Q"/>, <paramref name="Gamma"/>), so a customer's mean spend is p/ν.
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double Gamma)
{
    /// <summary>pγ/(q−1), the mean spend per transaction of a customer we know nothing about.</summary>
    /// <exception cref="ModelFitException">q ≤ 1: the spend distribution has no finite mean.</exception>
    public double PopulationMeanSpend => Q > 1
        ? P * Gamma / (Q - 1)
        : throw new ModelFitException($"The spend model has q = {Q:G4} ≤ 1, so its mean spend is infinite; the spend data are too heavy-tailed for the Gamma-Gamma model (check for outlier amounts).");

    // Only the parameters: printing the derived mean would throw when q ≤ 1, and ToString must not.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"P = {P}, Q = {Q}, Gamma = {Gamma}");
        return true;
    }
}
