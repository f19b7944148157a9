namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// The look-alike score: 1 for a customer exactly like the ideal customer, falling towards 0 as they differ — a
/// Gaussian kernel of the mean squared z-distance, so one population standard deviation off on every feature
/// scores exp(−½) ≈ 0.61 and two off scores exp(−2) ≈ 0.14, whatever the number of features.
/// </summary>
public static class LookAlikeScore
{
    // score = exp(−½ · mean over used features of (z_customer − z_ideal)²)
    public static double Of(double meanSquaredDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(meanSquaredDistance);
        return Math.Exp(-0.5 * meanSquaredDistance);
    }
}
