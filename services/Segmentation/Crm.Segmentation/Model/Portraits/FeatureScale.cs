namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// The population's mean and (population) standard deviation of one feature, over the customers who have it. A
/// feature no one has, or everyone has the same, separates no one: it is not <see cref="Usable"/> and is left out.
/// </summary>
public readonly record struct FeatureScale(double? Mean, double? StandardDeviation)
{
    public bool Usable => Mean is { } mean && double.IsFinite(mean) && StandardDeviation is { } sd && double.IsFinite(sd) && sd > 0;

    /// <summary>z = (x − mean) / sd. A missing value (no purchase yet, not valued yet) counts as the population mean: z = 0.</summary>
    public double Standardise(double? value) => Usable && value is { } x ? (x - Mean!.Value) / StandardDeviation!.Value : 0;

    /// <summary>
    /// The mean z over <paramref name="members"/> customers of whom <paramref name="present"/> have the feature, summing
    /// to <paramref name="sum"/>; the others count as z = 0, as in <see cref="Standardise"/>.
    /// </summary>
    public double MeanStandardised(double sum, long present, long members)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(present);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, present);
        return Usable && members > 0 ? (sum - present * Mean!.Value) / (StandardDeviation!.Value * members) : 0;
    }
}
