using Crm.Segmentation.Model.Portraits;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// The ideal customer — the most profitable segment's portrait and feature profile — and every customer's look-alike
/// score against it, ranked in the database. The profile is measured afresh on each request (two passes over the
/// facts), so it follows the segments and the population as they change.
/// </summary>
public sealed class IdealCustomerQueries(
    NpgsqlDataSource dataSource, PortraitQueries portraits, IOptions<PortraitOptions> options, TimeProvider clock)
{
    private const string CandidatesSql = """
        select s.id, s.name, count(*) as members, count(f.profit) as valued, coalesce(sum(f.profit), 0) as profit
        from segments s
        join segment_members m on m.segment_id = s.id
        join customer_facts f on f.customer_id = m.customer_id
        group by s.id, s.name
        having count(*) >= @MinimumMembers and count(f.profit) > 0
        """;

    // The features in LookAlikeFeatures order. Numeric aggregates are exact, so the same facts always give the same
    // profile (a parallel double sum need not), and the look-alike ranking's keyset cursor stays valid between pages.
    private const string ProfileSql = """
        with features as (
            select s.customer_id is not null as member, (@Today - f.last_purchase) as recency_days, f.purchase_days, f.revenue,
                   f.lifetime_value, f.probability_alive::numeric as probability_alive, f.profit
            from customer_facts f left join segment_members s on s.segment_id = @SegmentId and s.customer_id = f.customer_id)
        select count(*) filter (where member) as members,
               array[avg(recency_days), avg(purchase_days), avg(revenue), avg(lifetime_value), avg(probability_alive), avg(profit)]::double precision[],
               array[stddev_pop(recency_days), stddev_pop(purchase_days), stddev_pop(revenue), stddev_pop(lifetime_value),
                     stddev_pop(probability_alive), stddev_pop(profit)]::double precision[],
               array[sum(recency_days) filter (where member), sum(purchase_days) filter (where member),
                     sum(revenue) filter (where member), sum(lifetime_value) filter (where member),
                     sum(probability_alive) filter (where member), sum(profit) filter (where member)]::double precision[],
               array[count(recency_days) filter (where member), count(purchase_days) filter (where member), count(revenue) filter (where member),
                     count(lifetime_value) filter (where member), count(probability_alive) filter (where member), count(profit) filter (where member)]
        from features
        """;

    // The mean squared z-distance of IdealProfile.Compare, for everyone at once: a missing value counts as the
    // population mean (z = 0); unused features weigh 0.
    private const string RankSql = """
        select customer_id, distance from (
            select f.customer_id,
                   ((@Used)[1] * power(coalesce(((@Today - f.last_purchase) - (@Means)[1]) / (@Deviations)[1], 0) - (@Ideal)[1], 2)
                  + (@Used)[2] * power(coalesce((f.purchase_days - (@Means)[2]) / (@Deviations)[2], 0) - (@Ideal)[2], 2)
                  + (@Used)[3] * power(coalesce((f.revenue - (@Means)[3]) / (@Deviations)[3], 0) - (@Ideal)[3], 2)
                  + (@Used)[4] * power(coalesce((f.lifetime_value - (@Means)[4]) / (@Deviations)[4], 0) - (@Ideal)[4], 2)
                  + (@Used)[5] * power(coalesce((f.probability_alive - (@Means)[5]) / (@Deviations)[5], 0) - (@Ideal)[5], 2)
                  + (@Used)[6] * power(coalesce((f.profit - (@Means)[6]) / (@Deviations)[6], 0) - (@Ideal)[6], 2)) / @UsedFeatures as distance
            from customer_facts f) ranked
        where (distance, customer_id) > (@AfterDistance, @AfterCustomer)
        order by distance, customer_id
        limit @Limit
        """;

    private const string CustomerSql = """
        select (@Today - f.last_purchase)::double precision, f.purchase_days::double precision, f.revenue::double precision,
               f.lifetime_value::double precision, f.probability_alive, f.profit::double precision
        from customer_facts f where f.customer_id = @CustomerId
        """;

    public int MinimumMembers => Math.Max(1, options.Value.IdealCustomerMinimumMembers);

    /// <summary>The ideal customer's portrait and profile; null when no segment qualifies.</summary>
    public async Task<IdealCustomer?> FindAsync(CancellationToken cancellationToken)
    {
        (IdealSegmentChoice Choice, IdealProfile Profile)? ideal;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            ideal = await IdealAsync(connection, cancellationToken);
        }

        if (ideal is not var (choice, profile))
        {
            return null;
        }

        var portrait = await portraits.SegmentAsync(choice.Segment.SegmentId, cancellationToken);
        return portrait is null
            ? null
            : new IdealCustomer(choice.Segment, choice.Reason, MinimumMembers, choice.Ranking, profile.Features, portrait);
    }

    /// <summary>A page of customers, most like the ideal customer first; null when no segment qualifies.</summary>
    public async Task<LookAlikePage?> RankAsync(LookAlikeCursor after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await IdealAsync(connection, cancellationToken) is not var (choice, profile))
        {
            return null;
        }

        await using var command = new NpgsqlCommand(RankSql, connection);
        var scales = profile.Scales;
        command.Parameters.AddWithValue("Today", Today);
        command.Parameters.AddWithValue("Used", profile.Features.Select(feature => feature.Used ? 1.0 : 0.0).ToArray());
        command.Parameters.AddWithValue("Means", scales.Select(scale => scale.Usable ? scale.Mean!.Value : 0).ToArray());
        command.Parameters.AddWithValue("Deviations", scales.Select(scale => scale.Usable ? scale.StandardDeviation!.Value : 1).ToArray());
        command.Parameters.AddWithValue("Ideal", profile.Features.Select(feature => feature.StandardisedMean).ToArray());
        command.Parameters.AddWithValue("UsedFeatures", (double)Math.Max(1, profile.UsedFeatures));
        command.Parameters.AddWithValue("AfterDistance", after.MeanSquaredDistance);
        command.Parameters.AddWithValue("AfterCustomer", after.CustomerId);
        command.Parameters.AddWithValue("Limit", limit);
        var items = new List<LookAlikeCustomer>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var distance = reader.GetDouble(1);
                items.Add(new LookAlikeCustomer(reader.GetGuid(0), LookAlikeScore.Of(distance), distance));
            }
        }

        var next = items.Count == limit ? new LookAlikeCursor(items[^1].MeanSquaredDistance, items[^1].CustomerId).ToString() : null;
        return new LookAlikePage(choice.Segment.SegmentId, items, next);
    }

    /// <summary>One customer's look-alike score and per-feature distances; says which of the two is missing otherwise.</summary>
    public async Task<(bool IdealFound, CustomerLookAlike? LookAlike)> CompareAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await IdealAsync(connection, cancellationToken) is not var (choice, profile))
        {
            return (false, null);
        }

        await using var command = new NpgsqlCommand(CustomerSql, connection);
        command.Parameters.AddWithValue("Today", Today);
        command.Parameters.AddWithValue("CustomerId", customerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (true, null);
        }

        var values = Enumerable.Range(0, LookAlikeFeatures.All.Count).Select(i => reader.IsDBNull(i) ? (double?)null : reader.GetDouble(i)).ToArray();
        return (true, profile.Compare(customerId, choice.Segment.SegmentId, values));
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<(IdealSegmentChoice Choice, IdealProfile Profile)?> IdealAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var candidates = new List<IdealSegmentCandidate>();
        await using (var command = new NpgsqlCommand(CandidatesSql, connection))
        {
            command.Parameters.AddWithValue("MinimumMembers", (long)MinimumMembers);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add(new IdealSegmentCandidate(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetDecimal(4)));
            }
        }

        if (IdealSegmentChoice.Among(candidates, MinimumMembers) is not { } choice)
        {
            return null;
        }

        await using (var command = new NpgsqlCommand(ProfileSql, connection))
        {
            command.Parameters.AddWithValue("Today", Today);
            command.Parameters.AddWithValue("SegmentId", choice.Segment.SegmentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var members = reader.GetInt64(0);
            var means = reader.GetFieldValue<double?[]>(1);
            var deviations = reader.GetFieldValue<double?[]>(2);
            var scales = means.Zip(deviations, (mean, deviation) => new FeatureScale(mean, deviation)).ToArray();
            return (choice, IdealProfile.Of(scales, reader.GetFieldValue<double?[]>(3), reader.GetFieldValue<long[]>(4), members));
        }
    }
}
