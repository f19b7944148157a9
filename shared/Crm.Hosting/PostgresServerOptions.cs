namespace Crm.Hosting;

public sealed record PostgresServerOptions
{
    /// <summary>The cluster's data folder; an existing cluster there is reused, so data survives restarts.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    public string Username { get; init; } = "crm";

    public string Password { get; init; } = "crm";

    /// <summary>False for throwaway test clusters: no fsync, which makes them start and write much faster.</summary>
    public bool Durable { get; init; } = true;

    public int MaxConnections { get; init; } = 300;

    public Action<string>? Output { get; init; }
}
