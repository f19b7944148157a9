namespace Crm.Segmentation.Data;

/// <summary>
/// How features were put on one scale before distances were measured: z = (value − mean) / scale per feature, so revenue
/// in currency units does not outweigh purchase days. <see cref="ConstantFeatures"/> had one value for everyone and
/// separated nobody (their scale is taken as 1).
/// </summary>
public sealed record ClusteringStandardisation(
    IReadOnlyDictionary<string, double> Means,
    IReadOnlyDictionary<string, double> Scales,
    IReadOnlyList<string> ConstantFeatures);
