using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Value;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// The population cut points a full recompute leaves — RFM quintiles and lifetime-value deciles — read and written
/// together, in one round trip, since every read of a customer's facts needs both.
/// </summary>
public sealed class BreakpointStore
{
    private const string Rfm = "rfm";
    private const string ValueDeciles = "valueDeciles";

    private const string ReadSql = "select name, cuts from breakpoints where name in ('rfm', 'valueDeciles')";

    private const string SaveSql = """
        insert into breakpoints (name, cuts, computed_at) values (@Rfm, @RfmCuts, now()), (@Deciles, @DecileCuts, now())
        on conflict (name) do update set cuts = excluded.cuts, computed_at = excluded.computed_at
        """;

    public async Task<PopulationCuts> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var stored = (await connection.QueryAsync<(string Name, double[] Cuts)>(
            new CommandDefinition(ReadSql, transaction: transaction, cancellationToken: cancellationToken))).ToDictionary(row => row.Name, row => row.Cuts);
        // Before the first full recompute there are no cut points, and so no scores yet.
        var rfm = stored.GetValueOrDefault(Rfm) is { Length: 12 } r
            ? new RfmBreakpoints(new Quintiles(r[0], r[1], r[2], r[3]), new Quintiles(r[4], r[5], r[6], r[7]), new Quintiles(r[8], r[9], r[10], r[11]))
            : null;
        var deciles = stored.GetValueOrDefault(ValueDeciles) is { Length: 9 } d ? Model.Value.ValueDeciles.From(d) : null;
        return new PopulationCuts(rfm, deciles);
    }

    public Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RfmBreakpoints rfm, ValueDeciles deciles, CancellationToken cancellationToken)
    {
        double[] rfmCuts = [.. Cuts(rfm.Recency), .. Cuts(rfm.Frequency), .. Cuts(rfm.Monetary)];
        var parameters = new { Rfm, RfmCuts = rfmCuts, Deciles = ValueDeciles, DecileCuts = deciles.Cuts.ToArray() };
        return connection.ExecuteAsync(new CommandDefinition(SaveSql, parameters, transaction, cancellationToken: cancellationToken));
    }

    private static double[] Cuts(Quintiles quintiles) => [quintiles.Q20, quintiles.Q40, quintiles.Q60, quintiles.Q80];
}
