namespace Crm.Segmentation.Data;

/// <summary>
/// A full recompute (a job): first the population's cut points are measured (<see cref="MeasuredAt"/>), then every
/// segment is evaluated over every customer, a page at a time, each page's entries and exits committed with the
/// progress counts. <see cref="Trigger"/> is <c>request</c> or <c>schedule</c>.
/// </summary>
public sealed record RecomputeJob(
    Guid Id,
    string Status,
    string Trigger,
    string? Phase,
    int CustomersTotal,
    int CustomersDone,
    int SegmentsEvaluated,
    long MembershipsEntered,
    long MembershipsLeft,
    string? Error,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? MeasuredAt,
    DateTimeOffset? FinishedAt);
