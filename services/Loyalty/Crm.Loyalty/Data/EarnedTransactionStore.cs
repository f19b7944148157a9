using System.Text.Json;
using Crm.Loyalty.Model.Earning;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>The sales loyalty has seen, each once, with what they earned: the guard against earning twice.</summary>
public sealed class EarnedTransactionStore
{
    private static readonly JsonSerializerOptions Json = LoyaltyJson.Options;

    private const string KnownSql = "select transaction_id from earned_transactions where transaction_id = any(@Ids)";

    // No "on conflict": a sale slipping in from a concurrent batch makes this batch fail and retry, and the retry
    // finds it known.
    private const string InsertSql = """
        insert into earned_transactions (transaction_id, customer_id, occurred_at, channel, net_amount, lines, points_earned)
        select t, c, o, ch, n, l::jsonb, p from unnest(@Ids, @CustomerIds, @OccurredAts, @Channels, @NetAmounts, @Lines, @Points)
            as e(t, c, o, ch, n, l, p)
        """;

    public async Task<HashSet<Guid>> KnownAsync(NpgsqlTransaction transaction, IEnumerable<Guid> transactionIds, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<Guid>(new CommandDefinition(
            KnownSql, new { Ids = transactionIds.ToArray() }, transaction, cancellationToken: cancellationToken))];

    public Task InsertAsync(NpgsqlTransaction transaction, IReadOnlyList<(EarningTransaction Sale, Guid CustomerId, long Points)> sales, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Ids = sales.Select(s => s.Sale.TransactionId).ToArray(),
            CustomerIds = sales.Select(s => s.CustomerId).ToArray(),
            OccurredAts = sales.Select(s => s.Sale.OccurredAt.UtcDateTime).ToArray(),
            Channels = sales.Select(s => s.Sale.Channel).ToArray(),
            NetAmounts = sales.Select(s => s.Sale.NetAmount).ToArray(),
            Lines = sales.Select(s => JsonSerializer.Serialize(s.Sale.Lines, Json)).ToArray(),
            Points = sales.Select(s => s.Points).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

    public static IReadOnlyList<EarningLine> ReadLines(string json) => JsonSerializer.Deserialize<List<EarningLine>>(json, Json) ?? [];
}
