namespace Crm.Segmentation.Data;

/// <summary>How many customers a full recompute rescored, how many of them buy and have a lifetime value, and how long it took.</summary>
public sealed record PopulationRecomputeOutcome(int Customers, int Buyers, int Valued, TimeSpan Duration);
