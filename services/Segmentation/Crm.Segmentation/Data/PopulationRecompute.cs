using System.Diagnostics;
using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Value;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// The full recompute of the population measures: RFM quintiles over every buyer and lifetime-value deciles over
/// every valued customer. Scores are not stored per customer: they are read against these cut points whenever a
/// customer is looked at (<see cref="CustomerFactQueries"/>), so every customer is rescored the moment the cut
/// points change, and recency, which grows every day without any event, is always today's.
/// </summary>
public sealed class PopulationRecompute(NpgsqlDataSource dataSource, BreakpointStore breakpoints, TimeProvider clock)
{
    private const string ReadSql = """
        select last_purchase, purchase_days, revenue::double precision, lifetime_value::double precision from customer_facts
        """;

    public async Task<PopulationRecomputeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var buyers = new List<RfmInput>();
        var values = new List<double>();
        var customers = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(ReadSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                customers++;
                if (!reader.IsDBNull(0))
                {
                    var days = today.DayNumber - reader.GetFieldValue<DateOnly>(0).DayNumber;
                    buyers.Add(new RfmInput(days, reader.GetInt32(1), (decimal)reader.GetDouble(2)));
                }

                if (!reader.IsDBNull(3))
                {
                    values.Add(reader.GetDouble(3));
                }
            }
        }

        var rfm = RfmBreakpoints.Of(buyers);
        var deciles = ValueDeciles.Of(values.ToArray());
        // One statement: readers see the old cut points or the new pair, never a mix.
        await breakpoints.SaveAsync(connection, null, rfm, deciles, cancellationToken);
        return new PopulationRecomputeOutcome(customers, buyers.Count, values.Count, stopwatch.Elapsed);
    }
}
