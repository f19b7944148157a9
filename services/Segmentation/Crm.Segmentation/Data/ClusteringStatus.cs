namespace Crm.Segmentation.Data;

/// <summary>Where a clustering job stands.</summary>
public static class ClusteringStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
