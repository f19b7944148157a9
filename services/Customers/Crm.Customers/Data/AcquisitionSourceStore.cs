using Crm.Customers.Model;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>The managed list of acquisition sources ("where did you hear about us").</summary>
public sealed class AcquisitionSourceStore(NpgsqlDataSource dataSource)
{
    private const string SelectSql = "select code, label, active from acquisition_sources order by code";

    private const string UpsertSql = """
        insert into acquisition_sources (code, label, active) values (@Code, @Label, @Active)
        on conflict (code) do update set label = excluded.label, active = excluded.active
        """;

    public async Task<IReadOnlyList<AcquisitionSource>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<AcquisitionSource>(new CommandDefinition(SelectSql, cancellationToken: cancellationToken))];
    }

    /// <summary>The codes a new or changed profile may use: retired sources stay on old profiles but take no new ones.</summary>
    public async Task<IReadOnlySet<string>> ActiveCodesAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Where(source => source.Active).Select(source => source.Code).ToHashSet(StringComparer.Ordinal);

    public async Task SaveAsync(AcquisitionSource source, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, source, cancellationToken: cancellationToken));
    }
}
