namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// The data cannot be segmented as asked (no customers, fewer customers than segments, a value that is not a number);
/// the message says what was found and where, so it can be shown to the user as it is.
/// </summary>
public sealed class ClusteringException(string message) : Exception(message);
