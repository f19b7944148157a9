using Crm.Analytics;

namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// Z-scores per feature, so that a feature measured in large units (spend in pounds) does not outweigh one in small
/// units (visits per month) in the distances k-means minimises. Remembers each feature's mean and standard deviation
/// to put centroids back into the units people read.
/// </summary>
public sealed class FeatureStandardisation
{
    private FeatureStandardisation(IReadOnlyList<string> featureNames, double[] means, double[] standardDeviations, string[] constantFeatures)
    {
        FeatureNames = featureNames;
        Means = means;
        StandardDeviations = standardDeviations;
        ConstantFeatures = constantFeatures;
    }

    public IReadOnlyList<string> FeatureNames { get; }

    public IReadOnlyList<double> Means { get; }

    /// <summary>Population standard deviations (divided by n, not n−1): the standardised data have exactly sd 1. 1 for a constant feature.</summary>
    public IReadOnlyList<double> StandardDeviations { get; }

    /// <summary>
    /// Features with the same value for every customer: they cannot separate segments. Their sd is taken as 1, so they
    /// standardise to 0 and add nothing to any distance; they are reported so the user can drop them.
    /// </summary>
    public IReadOnlyList<string> ConstantFeatures { get; }

    /// <exception cref="ClusteringException">There are no customers.</exception>
    public static FeatureStandardisation Fit(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows == 0)
        {
            throw new ClusteringException("There are no customers to segment.");
        }

        var (n, d, values) = (data.Rows, data.Features, data.Values);
        var means = ChunkedSum.Run(n, d, (start, end, partial) =>
        {
            for (var i = start; i < end; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    partial[j] += values[i * d + j];
                }
            }
        });
        for (var j = 0; j < d; j++)
        {
            means[j] /= n;
        }

        // Deviations from the mean in a second pass: sum of squares minus n·mean² cancels catastrophically for
        // features such as days since first purchase, whose spread is small beside their size.
        var sumsOfSquares = ChunkedSum.Run(n, d, (start, end, partial) =>
        {
            for (var i = start; i < end; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    var deviation = values[i * d + j] - means[j];
                    partial[j] += deviation * deviation;
                }
            }
        });
        var standardDeviations = new double[d];
        var constantFeatures = new List<string>();
        for (var j = 0; j < d; j++)
        {
            // Constant means every value equal to the first, not a zero computed variance: a computed mean of equal
            // values can miss them by an ulp and leave a variance of 1e-30 that would blow rounding noise up to sd 1.
            if (IsConstant(data, j))
            {
                standardDeviations[j] = 1;
                means[j] = values[j];
                constantFeatures.Add(data.FeatureNames[j]);
            }
            else
            {
                standardDeviations[j] = Math.Sqrt(sumsOfSquares[j] / n);
            }
        }

        return new FeatureStandardisation(data.FeatureNames, means, standardDeviations, [.. constantFeatures]);
    }

    /// <summary>(x − mean) / sd per feature.</summary>
    public FeatureMatrix Standardise(FeatureMatrix data) => Transform(data, toOriginalUnits: false);

    /// <summary>x · sd + mean per feature: standardised centroids back in the units of the input.</summary>
    public FeatureMatrix ToOriginalUnits(FeatureMatrix standardised) => Transform(standardised, toOriginalUnits: true);

    private FeatureMatrix Transform(FeatureMatrix data, bool toOriginalUnits)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.FeatureNames.SequenceEqual(FeatureNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The data's features ({string.Join(", ", data.FeatureNames)}) are not those the standardisation was fitted on ({string.Join(", ", FeatureNames)}).",
                nameof(data));
        }

        var (n, d) = (data.Rows, data.Features);
        double[] means = [.. Means], sds = [.. StandardDeviations];
        var (source, result) = (data.Values, new double[data.Values.Length]);
        ChunkedSum.ForEachChunk(n, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    var at = i * d + j;
                    result[at] = toOriginalUnits ? source[at] * sds[j] + means[j] : (source[at] - means[j]) / sds[j];
                }
            }
        });
        return new FeatureMatrix(FeatureNames, result);
    }

    private static bool IsConstant(FeatureMatrix data, int feature)
    {
        var (d, values) = (data.Features, data.Values);
        for (var at = feature + d; at < values.Length; at += d)
        {
            if (values[at] != values[feature])
            {
                return false;
            }
        }

        return true;
    }
}
