namespace Crm.Segmentation.Model.Clustering;

/// <summary>Checks a labelling handed to a quality score.</summary>
internal static class ClusterLabels
{
    /// <returns>k: one more than the largest label.</returns>
    public static int Check(FeatureMatrix data, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != data.Rows)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {data.Rows} customers.", nameof(labels));
        }

        if (labels.Length == 0)
        {
            throw new ClusteringException("There are no customers to score.");
        }

        if (labels.Min() < 0)
        {
            throw new ArgumentException($"Segment labels must be 0..k−1; customer {Array.FindIndex(labels, label => label < 0)} has {labels.Min()}.", nameof(labels));
        }

        return labels.Max() + 1;
    }
}
