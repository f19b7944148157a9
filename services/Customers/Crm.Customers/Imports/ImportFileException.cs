namespace Crm.Customers.Imports;

/// <summary>
/// The file as a whole cannot be read (bad CSV quoting, a missing header column): the upload is refused with 400 (or,
/// should such a file reach a job, the job fails).
/// </summary>
public sealed class ImportFileException(long line, string message) : Exception(line > 0 ? $"Line {line}: {message}" : message)
{
    public long Line { get; } = line;
}
