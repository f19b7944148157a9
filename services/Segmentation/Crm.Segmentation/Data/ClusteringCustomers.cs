namespace Crm.Segmentation.Data;

/// <summary>
/// Who was clustered. A customer without a value for a chosen feature (no purchase yet, not yet valued) is left out
/// rather than given an invented one, and counted here; a segment saved from a cluster leaves them out too.
/// </summary>
/// <param name="Read">Customers segmentation knows.</param>
/// <param name="Clustered">Customers with a value for every chosen feature.</param>
/// <param name="Excluded">Customers left out for want of a value.</param>
/// <param name="MissingByFeature">Customers without a value for each chosen feature (one customer may lack several).</param>
public sealed record ClusteringCustomers(int Read, int Clustered, int Excluded, IReadOnlyDictionary<string, int> MissingByFeature);
