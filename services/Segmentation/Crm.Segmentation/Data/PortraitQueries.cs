using Crm.Segmentation.Model.Portraits;
using Crm.Segmentation.Model.Rfm;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Pen portraits of a segment's members or of everyone, computed set-based in the database in one batch of three
/// statements, so a portrait of a million customers takes seconds, not minutes. RFM scores and value deciles are
/// placed against the stored cut points (<see cref="BreakpointStore"/>) the way the facts API places one customer's.
/// </summary>
public sealed class PortraitQueries(NpgsqlDataSource dataSource, BreakpointStore breakpoints, TimeProvider clock)
{
    public const string PopulationName = "population";

    private const string Everyone = "select f.* from customer_facts f";

    private const string SegmentMembers = """
        select f.* from segment_members s join customer_facts f on f.customer_id = s.customer_id where s.segment_id = @SegmentId
        """;

    private const string SegmentSql = "select name from segments where id = @SegmentId";

    // As Quintiles and ValueDeciles do: 1 + the number of cut points a value is above (recency, where fewer days is
    // better, 5 − that); no cut points (before the first recompute, empty arrays) or no purchase gives null. Amounts
    // are compared as numeric with the cut points as decimals: the same order as comparing them as doubles (both hold
    // amounts of up to 15 significant digits exactly apart), without converting every amount on every row.
    private const string ScoreColumns = """
        5 - (@Today - m.last_purchase > (@RecencyCuts)[1])::integer - (@Today - m.last_purchase > (@RecencyCuts)[2])::integer
          - (@Today - m.last_purchase > (@RecencyCuts)[3])::integer - (@Today - m.last_purchase > (@RecencyCuts)[4])::integer as recency,
        case when m.last_purchase is not null then
            1 + (m.purchase_days > (@FrequencyCuts)[1])::integer + (m.purchase_days > (@FrequencyCuts)[2])::integer
              + (m.purchase_days > (@FrequencyCuts)[3])::integer + (m.purchase_days > (@FrequencyCuts)[4])::integer end as frequency,
        case when m.last_purchase is not null then
            1 + (m.revenue > (@MonetaryCuts)[1])::integer + (m.revenue > (@MonetaryCuts)[2])::integer
              + (m.revenue > (@MonetaryCuts)[3])::integer + (m.revenue > (@MonetaryCuts)[4])::integer end as monetary,
        1 + (m.lifetime_value > (@DecileCuts)[1])::integer + (m.lifetime_value > (@DecileCuts)[2])::integer
          + (m.lifetime_value > (@DecileCuts)[3])::integer + (m.lifetime_value > (@DecileCuts)[4])::integer
          + (m.lifetime_value > (@DecileCuts)[5])::integer + (m.lifetime_value > (@DecileCuts)[6])::integer
          + (m.lifetime_value > (@DecileCuts)[7])::integer + (m.lifetime_value > (@DecileCuts)[8])::integer
          + (m.lifetime_value > (@DecileCuts)[9])::integer as decile
        """;

    private static readonly string PopulationBatch = Batch(Everyone);
    private static readonly string SegmentBatch = Batch(SegmentMembers);

    /// <summary>The portrait of the segment's current members; null for an unknown segment.</summary>
    public async Task<Portrait?> SegmentAsync(Guid segmentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var find = new NpgsqlCommand(SegmentSql, connection);
        find.Parameters.AddWithValue("SegmentId", segmentId);
        return await find.ExecuteScalarAsync(cancellationToken) is string name
            ? await ReadAsync(connection, SegmentBatch, segmentId, name, cancellationToken)
            : null;
    }

    /// <summary>The portrait of every customer segmentation knows: the baseline segment portraits are read against.</summary>
    public async Task<Portrait> PopulationAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, PopulationBatch, null, PopulationName, cancellationToken);
    }

    // Three statements, one round trip: totals and value spread; every mix in one pass over the members (a grouping
    // set per mix, told apart by which column is grouped); consent coverage.
    private static string Batch(string members) => $$"""
        with members as ({{members}}),
        scored as (select m.revenue, m.profit, m.lifetime_value, {{ScoreColumns}} from members m),
        population as (select count(*) as customers, coalesce(sum(revenue), 0) as revenue, coalesce(sum(profit), 0) as profit from customer_facts)
        select count(*) as members, coalesce(sum(s.revenue), 0) as revenue, coalesce(sum(s.profit), 0) as profit,
               count(s.lifetime_value) as valued, avg(s.lifetime_value) as average_value, min(s.lifetime_value), max(s.lifetime_value),
               percentile_cont(array[0.1, 0.25, 0.5, 0.75, 0.9]) within group (order by s.lifetime_value::double precision) as value_quantiles,
               count(s.recency) as scored, avg(s.recency)::double precision, avg(s.frequency)::double precision, avg(s.monetary)::double precision,
               (select customers from population), (select revenue from population), (select profit from population)
        from scored s;

        with members as ({{members}}),
        preferred as (
            select distinct on (customer_id) customer_id, channel from purchase_channels order by customer_id, purchases desc, channel),
        scored as (
            select m.country, m.acquisition_source, extract(year from m.customer_since)::integer as cohort, m.profit_band, m.churn_risk,
                   p.channel as preferred_channel, {{ScoreColumns}}
            from members m left join preferred p on p.customer_id = m.customer_id)
        select case when grouping(country) = 0 then '{{PortraitTotals.Countries}}'
                    when grouping(acquisition_source) = 0 then '{{PortraitTotals.AcquisitionSources}}'
                    when grouping(cohort) = 0 then '{{PortraitTotals.Cohorts}}'
                    when grouping(profit_band) = 0 then '{{PortraitTotals.ProfitBands}}'
                    when grouping(churn_risk) = 0 then '{{PortraitTotals.ChurnRisks}}'
                    when grouping(preferred_channel) = 0 then '{{PortraitTotals.PreferredChannels}}'
                    when grouping(decile) = 0 then '{{PortraitTotals.ValueDeciles}}'
                    else '{{PortraitTotals.RfmScores}}' end as mix,
               coalesce(country, acquisition_source, cohort::text, profit_band, churn_risk, preferred_channel, decile::text,
                        recency || ':' || frequency) as value,
               count(*) as members
        from scored
        group by grouping sets ((country), (acquisition_source), (cohort), (profit_band), (churn_risk), (preferred_channel), (decile), (recency, frequency));

        with members as ({{members}})
        select c.channel || ':' || c.purpose as consent, count(*) as members
        from consents c join members m on m.customer_id = c.customer_id
        where c.granted
        group by c.channel, c.purpose;
        """;

    private async Task<Portrait> ReadAsync(NpgsqlConnection connection, string batch, Guid? segmentId, string name, CancellationToken cancellationToken)
    {
        var cuts = await breakpoints.ReadAsync(connection, null, cancellationToken);
        await using var command = new NpgsqlCommand(batch, connection);
        command.Parameters.AddWithValue("SegmentId", segmentId ?? Guid.Empty);
        command.Parameters.AddWithValue("Today", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        command.Parameters.AddWithValue("RecencyCuts", Cuts(cuts.Rfm?.Recency));
        command.Parameters.AddWithValue("FrequencyCuts", Cuts(cuts.Rfm?.Frequency));
        command.Parameters.AddWithValue("MonetaryCuts", Cuts(cuts.Rfm?.Monetary).Select(cut => (decimal)cut).ToArray());
        command.Parameters.AddWithValue("DecileCuts", cuts.ValueDeciles?.Cuts.Select(cut => (decimal)cut).ToArray() ?? []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        await reader.ReadAsync(cancellationToken);
        var totals = PortraitTotals.Read(reader);
        await reader.NextResultAsync(cancellationToken);
        var mixes = new List<(string Mix, string? Value, long Members)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            mixes.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        var consents = new List<(string Value, long Members)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            consents.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return totals.ToPortrait(segmentId, name, mixes, consents);
    }

    private static double[] Cuts(Quintiles? quintiles) => quintiles is null ? [] : [quintiles.Q20, quintiles.Q40, quintiles.Q60, quintiles.Q80];
}
