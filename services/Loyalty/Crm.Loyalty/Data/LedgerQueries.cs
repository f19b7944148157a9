using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>Reads a member's ledger, newest first, a page at a time.</summary>
public sealed class LedgerQueries(NpgsqlDataSource dataSource)
{
    private const string PageSql = """
        select id, kind, points, source, rule_id as RuleId, rule_version as RuleVersion, reason, occurred_at as OccurredAt, recorded_at as RecordedAt
        from ledger_entries where customer_id = @CustomerId and id < @Before order by id desc limit @Limit
        """;

    public async Task<IReadOnlyList<LedgerEntry>> PageAsync(Guid customerId, long before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<LedgerEntry>(new CommandDefinition(
            PageSql, new { CustomerId = customerId, Before = before, Limit = limit }, cancellationToken: cancellationToken))];
    }
}
