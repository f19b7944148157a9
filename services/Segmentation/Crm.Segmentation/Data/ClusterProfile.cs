namespace Crm.Segmentation.Data;

/// <summary>One cluster of the chosen k, as people read it.</summary>
/// <param name="Cluster">Its number, from 1; the number to save it as a segment by.</param>
/// <param name="Label">Its most distinctive features in words, e.g. "high lifetime value, bought recently".</param>
/// <param name="Size">Customers nearest its centre: the members a segment saved from it starts with.</param>
/// <param name="Share">Its size as a share of the customers clustered.</param>
/// <param name="Centroid">Its average customer in each feature's own units.</param>
/// <param name="ZScores">The same in standard deviations from the average of everyone clustered.</param>
public sealed record ClusterProfile(
    int Cluster,
    string Label,
    int Size,
    double Share,
    IReadOnlyDictionary<string, double> Centroid,
    IReadOnlyDictionary<string, double> ZScores);
