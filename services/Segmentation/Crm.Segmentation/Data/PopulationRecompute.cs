using System.Diagnostics;
using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Value;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Segmentation.Data;

/// <summary>
/// The full recompute of the population measures: RFM quintiles over every buyer and lifetime-value deciles over
/// every scored customer, every customer rescored against them, and the cut points kept for the incremental
/// updates that follow. One database transaction: readers see the old scores or the new, never a mix.
/// </summary>
public sealed class PopulationRecompute(NpgsqlDataSource dataSource, BreakpointStore breakpoints, TimeProvider clock)
{
    private const string ReadSql = """
        select customer_id, last_purchase, purchase_days, revenue::double precision, lifetime_value::double precision
        from customer_facts
        """;

    private const string StagingSql = """
        create temporary table rescored (customer_id uuid, recency smallint, frequency smallint, monetary smallint,
                                         segment text, decile smallint, tier text) on commit drop
        """;

    private const string CopySql = "copy rescored from stdin (format binary)";

    private const string ApplySql = """
        update customer_facts f set rfm_recency = r.recency, rfm_frequency = r.frequency, rfm_monetary = r.monetary,
            rfm_segment = r.segment, value_decile = r.decile, value_tier = r.tier
        from rescored r where f.customer_id = r.customer_id
        """;

    private const string SaveDecilesSql = """
        insert into breakpoints (name, cuts, computed_at) values ('valueDeciles', @Cuts, now())
        on conflict (name) do update set cuts = excluded.cuts, computed_at = excluded.computed_at
        """;

    public async Task<PopulationRecomputeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var customers = new List<Row>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(ReadSql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                DateOnly? last = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1);
                customers.Add(new Row(
                    reader.GetGuid(0),
                    last is { } day ? new RfmInput(today.DayNumber - day.DayNumber, reader.GetInt32(2), (decimal)reader.GetDouble(3)) : null,
                    reader.IsDBNull(4) ? null : reader.GetDouble(4)));
            }
        }

        var buyers = customers.Where(c => c.Buying is not null).Select(c => c.Buying!.Value).ToList();
        var rfm = RfmBreakpoints.Of(buyers);
        var deciles = ValueDeciles.Of(customers.Where(c => c.LifetimeValue is not null).Select(c => c.LifetimeValue!.Value).ToArray());

        await connection.ExecuteAsync(new CommandDefinition(StagingSql, transaction: transaction, cancellationToken: cancellationToken));
        await using (var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
        {
            foreach (var customer in customers)
            {
                var score = customer.Buying is { } buying ? rfm.Score(buying) : null;
                var decile = customer.LifetimeValue is { } value ? deciles.DecileOf(value) : (int?)null;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(customer.CustomerId, NpgsqlDbType.Uuid, cancellationToken);
                await WriteAsync(writer, (short?)score?.Recency, cancellationToken);
                await WriteAsync(writer, (short?)score?.Frequency, cancellationToken);
                await WriteAsync(writer, (short?)score?.Monetary, cancellationToken);
                await writer.WriteAsync(score?.Segment, NpgsqlDbType.Text, cancellationToken);
                await WriteAsync(writer, (short?)decile, cancellationToken);
                await writer.WriteAsync(decile is { } d ? ValueTiers.OfDecile(d) : null, NpgsqlDbType.Text, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(ApplySql, transaction: transaction, cancellationToken: cancellationToken));
        await breakpoints.SaveRfmAsync(connection, transaction, rfm, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SaveDecilesSql, new { Cuts = deciles.Cuts.ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new PopulationRecomputeOutcome(customers.Count, buyers.Count, customers.Count(c => c.LifetimeValue is not null), stopwatch.Elapsed);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter writer, short? value, CancellationToken cancellationToken) =>
        value is { } present ? writer.WriteAsync(present, NpgsqlDbType.Smallint, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private sealed record Row(Guid CustomerId, RfmInput? Buying, double? LifetimeValue);
}
