namespace Crm.Customers.Imports;

/// <summary>Settings under <c>Imports</c>.</summary>
public sealed class ImportsOptions
{
    /// <summary>Where uploaded files wait for (and during) their import; a local disk of this host.</summary>
    public string SpoolFolder { get; set; } = Path.Combine(Path.GetTempPath(), "crm-customers-imports");

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Rows written per database transaction. Big enough that per-batch round trips vanish, small enough that a batch
    /// (rows, events, errors) stays a few megabytes.
    /// </summary>
    public int BatchRows { get; set; } = 10_000;
}
