using EvolveDb;
using EvolveDb.Dialect;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Data;

/// <summary>
/// Applies the service's SQL migrations before anything else starts. Evolve's cluster mode takes a PostgreSQL
/// advisory lock, so replicas starting together migrate once.
/// </summary>
internal sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, IOptions<MigrationOptions> options, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var assemblies = options.Value.Assemblies;
        var evolve = new Evolve(connection, message => LogEvolve(logger, message), DBMS.PostgreSQL)
        {
            EmbeddedResourceAssemblies = assemblies,
            EmbeddedResourceFilters = assemblies.Select(assembly => assembly.GetName().Name + ".Migrations").ToArray(),
            EnableClusterMode = true,
            IsEraseDisabled = true,
            MetadataTableName = "schema_changelog",
        };
        evolve.Migrate();
        LogApplied(logger, evolve.NbMigration);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evolve: {Message}")]
    private static partial void LogEvolve(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated: {Count} migration(s) applied")]
    private static partial void LogApplied(ILogger logger, int count);
}
