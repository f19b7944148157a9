using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Crm.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's <see cref="Npgsql.NpgsqlDataSource"/> from <c>ConnectionStrings__{connectionName}</c>
    /// (the name an Aspire AppHost injects), applies the SQL migrations embedded under <c>Migrations/</c> in
    /// <paramref name="migrations"/> at start-up, and adds a readiness check. <paramref name="heldByConsumers"/> is how
    /// many connections the service's consumers hold side by side at most: the pool gets them on top of the machine's
    /// share (<see cref="WithPoolSizedToTheMachine"/>), so requests still find a connection while they run.
    /// </summary>
    public static IHostApplicationBuilder AddCrmDatabase(
        this IHostApplicationBuilder builder, string connectionName, Assembly migrations, int heldByConsumers = 0)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost does).");

        DateTimeOffsetHandler.Register();
        // Columns are snake_case, C# properties PascalCase: let Dapper match external_id to ExternalId.
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        builder.Services.AddNpgsqlDataSource(WithPoolSizedToTheMachine(WithPreparedStatements(connectionString), heldByConsumers));
        builder.Services.AddMigrations(migrations);
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Statements a service runs again and again (a balance read, a posting's inserts) are prepared on each pooled
    /// connection once used a few times, so PostgreSQL stops parsing and planning them: a points balance read went
    /// from 1.4 ms to 0.6 ms. A connection string that sets <c>Max Auto Prepare</c> itself keeps its value.
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }

        return settings.ConnectionString;
    }

    /// <summary>
    /// Caps the pool at four connections per core (at least eight), plus what the consumers hold side by side, unless
    /// the connection string sets <c>Maximum Pool Size</c>. Npgsql's default of 100 suits a database server of its own;
    /// here PostgreSQL shares the machine with the services, and runs one backend per core at a time. Npgsql hands out
    /// idle connections first in, first out, so once a burst has opened a connection it stays in use for good: under
    /// the suite's postings at 300 a second on two cores, customers held 100 connections and each consumer about 33,
    /// every backend's caches cold. With every pool at eight, the postings' p99 through the gateway was 30-101 ms in five
    /// runs against 71-487 ms in eight with the default, and the machine less busy; four was too few (620 ms). Eight
    /// alone slowed loyalty's earning by about 15 %: its eight partitions, waiting on each other's member locks, held
    /// every connection (docs/benchmarks.md, issue 4's postings).
    /// </summary>
    private static string WithPoolSizedToTheMachine(string connectionString, int heldByConsumers)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (PoolSizeKeywords.Any(given.ContainsKey))
        {
            return connectionString;
        }

        var settings = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize + heldByConsumers };
        return settings.ConnectionString;
    }

    /// <summary>
    /// The pool's size when the connection string leaves it out and no consumer holds connections of its own: see
    /// <see cref="WithPoolSizedToTheMachine"/>.
    /// </summary>
    public static int DefaultMaxPoolSize => Math.Max(8, 4 * Environment.ProcessorCount);

    // The keyword and its synonym as Npgsql reads them (keywords are case-insensitive).
    private static readonly string[] PoolSizeKeywords = ["Maximum Pool Size", "MaxPoolSize"];

    /// <summary>Adds an assembly whose embedded <c>Migrations/*.sql</c> files belong to this service's database.</summary>
    public static IServiceCollection AddMigrations(this IServiceCollection services, Assembly assembly)
    {
        services.Configure<MigrationOptions>(options =>
        {
            if (!options.Assemblies.Contains(assembly))
            {
                options.Assemblies.Add(assembly);
            }
        });
        return services;
    }
}
