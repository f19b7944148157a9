namespace Crm.Hosting;

/// <summary>What to run, as whom, and how to stop it.</summary>
public sealed record ChildProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public string? WorkingDirectory { get; init; }

    /// <summary>When running as root, the system user the program runs as (PostgreSQL refuses to run as root).</summary>
    public string? RunAsUser { get; init; }

    /// <summary>The signal that asks the program for a graceful stop (TERM for most; INT is PostgreSQL's fast shutdown).</summary>
    public string StopSignal { get; init; } = "TERM";

    /// <summary>
    /// When the owning process disappears (a kill -9 of the AppHost or of a test run), how long the watchdog waits
    /// before asking the program to stop: servers wait a moment so the services using them can stop first.
    /// </summary>
    public TimeSpan StopDelayWhenOwnerGone { get; init; } = TimeSpan.Zero;

    /// <summary>How long a stop request may take before the program and everything it started are killed.</summary>
    public TimeSpan KillAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Receives every line the program writes to stdout or stderr.</summary>
    public Action<string>? Output { get; init; }
}
