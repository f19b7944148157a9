using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Value;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>The population cut points a full recompute leaves for the incremental updates to score against.</summary>
public sealed class BreakpointStore
{
    public const string Rfm = "rfm";
    public const string ValueDecilesName = "valueDeciles";

    private const string ReadSql = "select cuts from breakpoints where name = @Name";

    private const string SaveSql = """
        insert into breakpoints (name, cuts, computed_at) values (@Name, @Cuts, now())
        on conflict (name) do update set cuts = excluded.cuts, computed_at = excluded.computed_at
        """;

    public async Task<RfmBreakpoints?> RfmAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var cuts = await connection.QuerySingleOrDefaultAsync<double[]>(new CommandDefinition(ReadSql, new { Name = Rfm }, transaction, cancellationToken: cancellationToken));
        return cuts is { Length: 12 }
            ? new RfmBreakpoints(
                new Quintiles(cuts[0], cuts[1], cuts[2], cuts[3]),
                new Quintiles(cuts[4], cuts[5], cuts[6], cuts[7]),
                new Quintiles(cuts[8], cuts[9], cuts[10], cuts[11]))
            : null;
    }

    public async Task<ValueDeciles?> ValueDecilesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var cuts = await connection.QuerySingleOrDefaultAsync<double[]>(new CommandDefinition(ReadSql, new { Name = ValueDecilesName }, transaction, cancellationToken: cancellationToken));
        return cuts is { Length: 9 } ? Model.Value.ValueDeciles.From(cuts) : null;
    }

    public Task SaveValueDecilesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ValueDeciles deciles, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(SaveSql, new { Name = ValueDecilesName, Cuts = deciles.Cuts.ToArray() }, transaction, cancellationToken: cancellationToken));

    public Task SaveRfmAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RfmBreakpoints breakpoints, CancellationToken cancellationToken)
    {
        double[] cuts =
        [
            .. Cuts(breakpoints.Recency), .. Cuts(breakpoints.Frequency), .. Cuts(breakpoints.Monetary),
        ];
        return connection.ExecuteAsync(new CommandDefinition(SaveSql, new { Name = Rfm, Cuts = cuts }, transaction, cancellationToken: cancellationToken));
    }

    private static double[] Cuts(Quintiles quintiles) => [quintiles.Q20, quintiles.Q40, quintiles.Q60, quintiles.Q80];
}
