namespace Crm.Hosting;

public sealed record RabbitMqServerOptions
{
    /// <summary>The node's folder (database, logs, Erlang cookie); an existing node there is reused with its queues.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>AMQP port on loopback; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Management UI and HTTP API port on loopback; 0 picks a free one.</summary>
    public int ManagementPort { get; init; }

    /// <summary>The Erlang node name; its queues live under it, so a node that keeps its data keeps its name. Default crm-{port}@localhost.</summary>
    public string? NodeName { get; init; }

    public string Username { get; init; } = "crm";

    public string Password { get; init; } = "crm";

    public Action<string>? Output { get; init; }
}
