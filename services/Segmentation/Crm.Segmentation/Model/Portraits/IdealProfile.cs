namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// The ideal customer as features: the ideal segment's mean standardised value of each <see cref="LookAlikeFeatures"/>
/// feature, with the population scale it was standardised against, and how any customer compares with it.
/// </summary>
public sealed class IdealProfile
{
    private readonly FeatureScale[] _scales;

    private IdealProfile(FeatureScale[] scales, IReadOnlyList<IdealFeature> features)
    {
        _scales = scales;
        Features = features;
    }

    public IReadOnlyList<IdealFeature> Features { get; }

    public IReadOnlyList<FeatureScale> Scales => _scales;

    /// <summary>How many features take part in the distance.</summary>
    public int UsedFeatures => Features.Count(feature => feature.Used);

    /// <param name="scales">The population's scale of each feature, in <see cref="LookAlikeFeatures.All"/> order.</param>
    /// <param name="memberSums">Per feature, the sum of the ideal segment's members' values (null when none has it).</param>
    /// <param name="memberPresent">Per feature, how many members have it.</param>
    /// <param name="members">How many members the ideal segment has.</param>
    public static IdealProfile Of(IReadOnlyList<FeatureScale> scales, IReadOnlyList<double?> memberSums, IReadOnlyList<long> memberPresent, long members)
    {
        var count = LookAlikeFeatures.All.Count;
        if (scales.Count != count || memberSums.Count != count || memberPresent.Count != count)
        {
            throw new ArgumentException($"An ideal profile has {count} features.");
        }

        var features = new IdealFeature[count];
        for (var i = 0; i < count; i++)
        {
            var (scale, sum, present) = (scales[i], memberSums[i] ?? 0, memberPresent[i]);
            features[i] = new IdealFeature(
                LookAlikeFeatures.All[i], scale.Mean, scale.StandardDeviation, present > 0 ? sum / present : null,
                scale.MeanStandardised(sum, present, members), scale.Usable);
        }

        return new IdealProfile([.. scales], features);
    }

    /// <summary>The customer's z-distance from the ideal on each feature and their look-alike score.</summary>
    /// <param name="values">The customer's features in <see cref="LookAlikeFeatures.All"/> order; null when missing.</param>
    public CustomerLookAlike Compare(Guid customerId, Guid idealSegmentId, IReadOnlyList<double?> values)
    {
        if (values.Count != _scales.Length)
        {
            throw new ArgumentException($"A customer is compared on {_scales.Length} features.", nameof(values));
        }

        var distances = new FeatureDistance[_scales.Length];
        var sumOfSquares = 0.0;
        for (var i = 0; i < _scales.Length; i++)
        {
            var z = _scales[i].Standardise(values[i]);
            var ideal = Features[i].StandardisedMean;
            var used = Features[i].Used;
            distances[i] = new FeatureDistance(Features[i].Feature, values[i], z, ideal, z - ideal, used);
            sumOfSquares += used ? (z - ideal) * (z - ideal) : 0;
        }

        var meanSquared = UsedFeatures == 0 ? 0 : sumOfSquares / UsedFeatures;
        return new CustomerLookAlike(customerId, idealSegmentId, LookAlikeScore.Of(meanSquared), meanSquared, distances);
    }
}
