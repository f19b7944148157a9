using Npgsql;

namespace Crm.Testing;

/// <summary>One test's own virtual host and databases on the shared infrastructure.</summary>
public sealed record TestEnvironment(TestInfrastructure Infrastructure, string VirtualHost, IReadOnlyDictionary<string, string> ConnectionStrings)
{
    /// <summary>Configuration keys as an Aspire AppHost would inject them (ConnectionStrings:name).</summary>
    public Dictionary<string, string?> Settings() =>
        ConnectionStrings.ToDictionary(pair => $"ConnectionStrings:{pair.Key}", pair => (string?)pair.Value);

    public NpgsqlConnection OpenDatabase(string name)
    {
        var connection = new NpgsqlConnection(ConnectionStrings[name]);
        connection.Open();
        return connection;
    }

    public Task<int> CountMessagesAsync(string queue) => Infrastructure.Broker.CountMessagesAsync(queue, VirtualHost);
}
