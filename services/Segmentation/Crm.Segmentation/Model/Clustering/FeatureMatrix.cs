namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// Customers by behavioural features: row i holds customer i's d feature values at <c>Values[i*d .. i*d+d)</c>. One
/// flat row-major array keeps a customer's features side by side in memory, which is what every distance computation reads.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>
    /// Wraps <paramref name="values"/> without copying (a million customers by a dozen features is ~100 MB); the caller
    /// must not change the array afterwards.
    /// </summary>
    /// <exception cref="ClusteringException">A value is NaN or infinite; the message names its row and feature.</exception>
    public FeatureMatrix(IReadOnlyList<string> featureNames, double[] values)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(values);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException("At least one feature is needed.", nameof(featureNames));
        }

        if (featureNames.Distinct(StringComparer.Ordinal).Count() != featureNames.Count || featureNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Feature names must be non-empty and distinct.", nameof(featureNames));
        }

        if (values.Length % featureNames.Count != 0)
        {
            throw new ArgumentException(
                $"{values.Length} values do not make whole rows of {featureNames.Count} features.", nameof(values));
        }

        FeatureNames = [.. featureNames];
        Features = featureNames.Count;
        Rows = values.Length / Features;
        Values = values;
        for (var at = 0; at < values.Length; at++)
        {
            if (!double.IsFinite(values[at]))
            {
                throw new ClusteringException(
                    $"Row {at / Features}, feature '{FeatureNames[at % Features]}' is {Describe(values[at])}; every feature value must be a finite number. Fill or drop missing values before segmenting.");
            }
        }
    }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Customers.</summary>
    public int Rows { get; }

    public int Features { get; }

    /// <summary>The row-major values; read by the clustering kernels, never written.</summary>
    internal double[] Values { get; }

    public double this[int row, int feature] => Row(row)[feature];

    public ReadOnlySpan<double> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return Values.AsSpan(row * Features, Features);
    }

    /// <summary>The matrix as jagged rows, for small matrices such as centroids.</summary>
    public double[][] ToRows() => [.. Enumerable.Range(0, Rows).Select(row => Row(row).ToArray())];

    private static string Describe(double value) => double.IsNaN(value) ? "NaN (missing)" : value > 0 ? "+∞" : "−∞";
}
