using Crm.Loyalty.Model.Partners;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>Settlement statements: per partner, the points issued and burned there in a period and the money they make.</summary>
public sealed class Settlements(NpgsqlDataSource dataSource)
{
    // A period is settled by when transactions occurred at the partner, the date both sides' books carry.
    private const string SettlementSql = """
        select p.id as PartnerId, p.name as PartnerName, p.currency, @From as "From", @To as "To",
               s.earns + s.burns as Transactions,
               s.earns as EarnTransactions, s.issued as PointsIssued, s.owed_by_partner as OwedByPartner,
               s.burns as BurnTransactions, s.burned as PointsBurned, s.owed_to_partner as OwedToPartner,
               s.owed_by_partner - s.owed_to_partner as NetDueFromPartner
        from partners p
        cross join lateral (
            select count(*) filter (where t.kind = 'earn') as earns,
                   coalesce(sum(t.points) filter (where t.kind = 'earn'), 0)::bigint as issued,
                   coalesce(sum(t.points * t.cost_per_point) filter (where t.kind = 'earn'), 0) as owed_by_partner,
                   count(*) filter (where t.kind = 'burn') as burns,
                   coalesce(sum(t.points) filter (where t.kind = 'burn'), 0)::bigint as burned,
                   coalesce(sum(t.amount) filter (where t.kind = 'burn'), 0) as owed_to_partner
            from partner_transactions t
            where t.partner_id = p.id and t.occurred_at >= @From and t.occurred_at < @To) s
        where @PartnerId::uuid is null or p.id = @PartnerId
        order by lower(p.name)
        """;

    /// <summary>The partner's settlement for the period; null when there is no such partner.</summary>
    public async Task<PartnerSettlement?> ForPartnerAsync(Guid partnerId, SettlementPeriod period, CancellationToken cancellationToken) =>
        (await QueryAsync(partnerId, period, cancellationToken)).SingleOrDefault();

    /// <summary>Every partner's settlement for the period, active or not, by name; those with no transactions show zeros.</summary>
    public Task<IReadOnlyList<PartnerSettlement>> AllAsync(SettlementPeriod period, CancellationToken cancellationToken) =>
        QueryAsync(null, period, cancellationToken);

    private async Task<IReadOnlyList<PartnerSettlement>> QueryAsync(Guid? partnerId, SettlementPeriod period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<PartnerSettlement>(new CommandDefinition(
            SettlementSql, new { PartnerId = partnerId, period.From, period.To }, cancellationToken: cancellationToken))];
    }
}
