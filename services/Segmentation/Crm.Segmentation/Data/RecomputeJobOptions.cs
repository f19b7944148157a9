namespace Crm.Segmentation.Data;

/// <summary>Configuration section <c>Segmentation:RecomputeJobs</c>.</summary>
public sealed class RecomputeJobOptions
{
    public const string Section = "Segmentation:RecomputeJobs";

    /// <summary>Customers per page: each page's membership changes and progress are committed together.</summary>
    public int PageSize { get; set; } = 10_000;

    /// <summary>
    /// How often each replica looks for a job nobody runs: one queued by a replica that stopped, or one left
    /// "running" by a replica that died (failed, so that a new one can be requested).
    /// </summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(30);
}
