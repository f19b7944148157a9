namespace Crm.Segmentation.Model;

/// <summary>
/// How the business means to manage a segment's customers: the service level they get, the channels to reach them
/// on, how often they may be contacted, and what the segment is for.
/// </summary>
public sealed record ManagementStrategy(string? ServiceLevel, IReadOnlyList<string>? PreferredChannels, string? ContactPolicy, string? Objective);
