namespace Crm.Customers.Imports;

/// <summary>What writing a batch did with its rows; <see cref="Errors"/> are rows rejected against the database.</summary>
internal sealed record BatchOutcome(long Stored, long Skipped, long Rejected, IReadOnlyList<ImportRowError> Errors);
