using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Crm.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's <see cref="Npgsql.NpgsqlDataSource"/> from <c>ConnectionStrings__{connectionName}</c>
    /// (the name an Aspire AppHost injects), applies the SQL migrations embedded under <c>Migrations/</c> in
    /// <paramref name="migrations"/> at start-up, and adds a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddCrmDatabase(this IHostApplicationBuilder builder, string connectionName, Assembly migrations)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost does).");

        DateTimeOffsetHandler.Register();
        // Columns are snake_case, C# properties PascalCase: let Dapper match external_id to ExternalId.
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        builder.Services.AddNpgsqlDataSource(connectionString);
        builder.Services.AddMigrations(migrations);
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

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
