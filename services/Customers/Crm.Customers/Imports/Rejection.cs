namespace Crm.Customers.Imports;

/// <summary>Why a row is not stored, found against the database; the field is named as the API names it.</summary>
internal sealed record Rejection(string? Field, string Message)
{
    /// <summary>Not an error: the row is recorded already, as it is (a re-import), and is skipped.</summary>
    public static Rejection AlreadyRecorded { get; } = new(null, "recorded already");
}
