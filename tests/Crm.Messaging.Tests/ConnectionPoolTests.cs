using Crm.Data;
using Crm.Testing;
using Dapper;
using Npgsql;

namespace Crm.Messaging.Tests;

/// <summary>
/// A service opens no more PostgreSQL connections than the machine can use: a burst of queries waits for a pooled
/// connection instead of starting a backend each, and every query of the burst still succeeds.
/// </summary>
public sealed class ConnectionPoolTests
{
    // Five times the default pool, so the cap is what keeps the backends down on a machine of any size.
    private static readonly int Burst = 5 * DatabaseExtensions.DefaultMaxPoolSize;

    [Fact]
    public async Task A_burst_of_queries_is_served_by_at_most_the_default_pool_size_of_connections()
    {
        await using var service = await StartAsync(connectionString => connectionString);

        var (answered, backends) = await BurstAsync(service);

        Assert.Equal(Burst, answered);
        Assert.InRange(backends, 1, DatabaseExtensions.DefaultMaxPoolSize);
    }

    [Fact]
    public async Task A_pool_size_in_the_connection_string_is_kept()
    {
        var explicitSize = DatabaseExtensions.DefaultMaxPoolSize + 12;
        await using var service = await StartAsync(connectionString => $"{connectionString};maximum pool size={explicitSize}");

        var (answered, backends) = await BurstAsync(service);

        Assert.Equal(Burst, answered);
        Assert.InRange(backends, DatabaseExtensions.DefaultMaxPoolSize + 1, explicitSize);
    }

    private static async Task<MessagingService> StartAsync(Func<string, string> connectionString)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var environment = await infrastructure.CreateEnvironmentAsync("probedb");
        return await MessagingService.StartAsync(
            "pool", connectionString(environment.ConnectionStrings["probedb"]), environment.ConnectionStrings["messaging"], relayEnabled: false);
    }

    /// <summary>
    /// Runs <see cref="Burst"/> queries of 150 ms at once through the service's data source; returns how many answered
    /// and the most backends its database had meanwhile.
    /// </summary>
    private static async Task<(int Answered, int Backends)> BurstAsync(MessagingService service)
    {
        var queries = Enumerable.Range(0, Burst).Select(async _ =>
        {
            await using var connection = await service.DataSource.OpenConnectionAsync();
            return await connection.ExecuteScalarAsync<int>("select 1 from pg_sleep(0.15)");
        }).ToList();

        var database = new NpgsqlConnectionStringBuilder(service.DataSource.ConnectionString).Database;
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var watcher = new NpgsqlConnection(infrastructure.Database.ConnectionString("postgres"));
        await watcher.OpenAsync();
        var most = 0;
        while (!queries.All(query => query.IsCompleted))
        {
            most = Math.Max(most, await watcher.ExecuteScalarAsync<int>(
                "select count(*) from pg_stat_activity where datname = @database and backend_type = 'client backend'", new { database }));
            await Task.Delay(20);
        }

        return ((await Task.WhenAll(queries)).Sum(), most);
    }
}
