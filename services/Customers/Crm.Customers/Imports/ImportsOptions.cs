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
    /// (rows, events, errors) stays a few megabytes: a transactions import has three batches in memory at once (one
    /// parsed ahead, two being written). 5,000 rows imported as fast as 10,000 with 40-50 MB less peak memory
    /// (docs/benchmarks.md, issue 4).
    /// </summary>
    public int BatchRows { get; set; } = 5_000;
}
