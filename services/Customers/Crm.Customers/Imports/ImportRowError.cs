namespace Crm.Customers.Imports;

/// <summary>
/// Why a row was not imported. <see cref="Line"/> is the 1-based physical line of the file (a CSV header is line 1);
/// <see cref="Field"/> is the CSV column or JSON property at fault, null when the whole row is.
/// </summary>
public sealed record ImportRowError(long Line, string? Field, string Message);
