using Crm.Profitability.Model;
using Crm.Profitability.Model.Lifetime;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>
/// Summarises the stored sales of a calibration period the way the models expect (the conventions of the CDNOW
/// papers): sales merged per calendar day (UTC); frequency = purchase days after the first; recency = last − first
/// purchase day and age = calibration end − first purchase day, in the run's time unit; monetary value = mean net
/// amount of the repeat days. Returns and reversed sales are not purchases. The margin rate of each customer,
/// (net revenue − product cost) / net revenue over the period, turns expected spend into expected margin.
/// </summary>
public sealed class CalibrationSummaryQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        with purchase_days as (
            select customer_id, (occurred_at at time zone 'UTC')::date as day, sum(net_amount) as amount, sum(product_cost) as cost
            from transaction_facts
            where kind = 'sale' and not reversed and currency = @Currency and occurred_at < @EndExclusive
            group by 1, 2
        ),
        numbered as (
            select customer_id, day, amount, cost, row_number() over (partition by customer_id order by day) as n
            from purchase_days
        )
        select customer_id, (count(*) - 1)::integer, min(day), max(day),
               coalesce(avg(amount) filter (where n > 1), 0)::double precision,
               case when sum(amount) > 0 then ((sum(amount) - sum(cost)) / sum(amount))::double precision else 0 end
        from numbered
        group by customer_id
        order by customer_id
        """;

    public async Task<CalibrationSummary> ReadAsync(ScoringRunSettings settings, CancellationToken cancellationToken)
    {
        var unit = TimeUnits.DaysPer(settings.TimeUnit);
        var end = settings.CalibrationEnd;
        var ids = new List<Guid>();
        var frequency = new List<int>();
        var recency = new List<double>();
        var age = new List<double>();
        var monetary = new List<double>();
        var margin = new List<double>();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("Currency", settings.Currency);
        command.Parameters.AddWithValue("EndExclusive", new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var first = reader.GetFieldValue<DateOnly>(2);
            var last = reader.GetFieldValue<DateOnly>(3);
            if (first >= end)
            {
                // A customer whose first purchase is the last calibration day has been observed for no time (T = 0):
                // the models learn nothing from them, and the next run scores them.
                continue;
            }

            ids.Add(reader.GetGuid(0));
            frequency.Add(reader.GetInt32(1));
            recency.Add((last.DayNumber - first.DayNumber) / unit);
            age.Add((end.DayNumber - first.DayNumber) / unit);
            monetary.Add(reader.GetDouble(4));
            margin.Add(Math.Clamp(reader.GetDouble(5), -1, 1));
        }

        return new CalibrationSummary(
            [.. ids],
            new CustomerBaseSummary([.. frequency], [.. recency], [.. age], [.. monetary]),
            [.. margin]);
    }
}
