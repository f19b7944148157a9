using System.Diagnostics;
using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Value;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Measures the population's cut points: RFM quintiles over every buyer and lifetime-value deciles over every valued
/// customer — the first phase of a full recompute (<see cref="FullRecompute"/>). Scores are not stored per customer:
/// they are read against these cut points whenever a customer is looked at (<see cref="CustomerFactQueries"/>), so
/// every customer is rescored the moment the cut points change, and recency, which grows every day without any
/// event, is always today's.
/// </summary>
public sealed class PopulationRecompute(NpgsqlDataSource dataSource, BreakpointStore breakpoints, TimeProvider clock)
{
    // Amounts come as stored and are converted here, as scoring converts them (RfmBreakpoints.Score, ValueDeciles.DecileOf),
    // so a customer exactly on a cut point is placed the same way; it also spares the database a million casts.
    private const string ReadSql = "select last_purchase, purchase_days, revenue, lifetime_value from customer_facts";

    public async Task<PopulationRecomputeOutcome> RunAsync(CancellationToken cancellationToken) =>
        (await MeasureAsync(cancellationToken)).Outcome;

    /// <summary>Measures and stores the cut points, and returns them with the counts.</summary>
    internal async Task<(PopulationRecomputeOutcome Outcome, PopulationCuts Cuts)> MeasureAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber;
        // Straight into the arrays the quintiles are taken of: a million customers read without a per-customer object.
        var recency = new Measures();
        var frequency = new Measures();
        var monetary = new Measures();
        var values = new Measures();
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
                    recency.Add(today - reader.GetFieldValue<DateOnly>(0).DayNumber);
                    frequency.Add(reader.GetInt32(1));
                    monetary.Add((double)reader.GetDecimal(2));
                }

                if (!reader.IsDBNull(3))
                {
                    values.Add((double)reader.GetDecimal(3));
                }
            }
        }

        var rfm = new RfmBreakpoints(Quintiles.Of(recency.Span), Quintiles.Of(frequency.Span), Quintiles.Of(monetary.Span));
        var deciles = ValueDeciles.Of(values.Span);
        // One statement: readers see the old cut points or the new pair, never a mix.
        await breakpoints.SaveAsync(connection, null, rfm, deciles, cancellationToken);
        return (new PopulationRecomputeOutcome(customers, recency.Count, values.Count, stopwatch.Elapsed), new PopulationCuts(rfm, deciles));
    }

    /// <summary>A growing array of one measure over the population.</summary>
    private sealed class Measures
    {
        private double[] _values = new double[4_096];

        public int Count { get; private set; }

        public Span<double> Span => _values.AsSpan(0, Count);

        public void Add(double value)
        {
            if (Count == _values.Length)
            {
                Array.Resize(ref _values, _values.Length * 2);
            }

            _values[Count++] = value;
        }
    }
}
