namespace Crm.Customers.Imports;

/// <summary>What one batch added to a job's counters.</summary>
public readonly record struct ImportProgress(long Read, long Stored, long Skipped, long Rejected);
