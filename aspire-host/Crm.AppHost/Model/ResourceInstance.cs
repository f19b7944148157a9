namespace Crm.AppHost.Model;

/// <summary>One running process of a resource (a replica of a service, or the broker, or the database).</summary>
public sealed class ResourceInstance(string name)
{
    private readonly object _gate = new();

    public string Name { get; } = name;

    public ResourceState State { get; private set; } = ResourceState.Waiting;

    public int? ProcessId { get; private set; }

    public int Restarts { get; private set; }

    public int? LastExitCode { get; private set; }

    public string? Health { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public List<string> Endpoints { get; } = [];

    /// <summary>Those of <see cref="Endpoints"/> that answer only HTTP/2 (h2c): not for browsers.</summary>
    public List<string> Http2Endpoints { get; } = [];

    public long TelemetryRequests;

    public Crm.Hosting.RecentLines Logs { get; } = new(1000);

    public void Set(ResourceState state, string? health = null)
    {
        lock (_gate)
        {
            State = state;
            Health = health ?? Health;
        }
    }

    public void Started(int processId)
    {
        lock (_gate)
        {
            ProcessId = processId;
            StartedAt = DateTimeOffset.UtcNow;
            State = ResourceState.Starting;
            Health = null;
        }
    }

    public void Ended(int exitCode, bool restarting)
    {
        lock (_gate)
        {
            LastExitCode = exitCode;
            State = restarting ? ResourceState.Failed : ResourceState.Exited;
            Health = null;
            if (restarting)
            {
                Restarts++;
            }
        }
    }
}
