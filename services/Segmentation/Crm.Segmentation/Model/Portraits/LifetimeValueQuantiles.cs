namespace Crm.Segmentation.Model.Portraits;

/// <summary>The 10th, 25th, 50th, 75th and 90th percentiles of the valued members' lifetime values (interpolated).</summary>
public sealed record LifetimeValueQuantiles(decimal P10, decimal P25, decimal Median, decimal P75, decimal P90);
