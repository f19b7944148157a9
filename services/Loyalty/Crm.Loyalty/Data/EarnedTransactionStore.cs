using System.Text.Json;
using Crm.Loyalty.Model.Earning;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Loyalty.Data;

/// <summary>The sales loyalty has seen, each once, with what they earned: the guard against earning twice.</summary>
public sealed class EarnedTransactionStore
{
    private static readonly JsonSerializerOptions Json = LoyaltyJson.Options;

    private const string KnownSql = "select transaction_id from earned_transactions where transaction_id = any(@Ids)";

    // Binary COPY, with no "on conflict": a sale slipping in from a concurrent batch makes this batch fail and retry,
    // and the retry finds it known.
    private const string CopySql = """
        copy earned_transactions (transaction_id, customer_id, occurred_at, channel, net_amount, lines, points_earned) from stdin (format binary)
        """;

    public async Task<HashSet<Guid>> KnownAsync(NpgsqlTransaction transaction, IEnumerable<Guid> transactionIds, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<Guid>(new CommandDefinition(
            KnownSql, new { Ids = transactionIds.ToArray() }, transaction, cancellationToken: cancellationToken))];

    public async Task InsertAsync(NpgsqlTransaction transaction, IReadOnlyList<(EarningTransaction Sale, Guid CustomerId, long Points)> sales, CancellationToken cancellationToken)
    {
        await using var importer = await transaction.Connection!.BeginBinaryImportAsync(CopySql, cancellationToken);
        foreach (var (sale, customerId, points) in sales)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(sale.TransactionId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(customerId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(sale.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(sale.Channel, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(sale.NetAmount, NpgsqlDbType.Numeric, cancellationToken);
            await importer.WriteAsync(JsonSerializer.Serialize(sale.Lines, Json), NpgsqlDbType.Json, cancellationToken);
            await importer.WriteAsync(points, NpgsqlDbType.Bigint, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public static IReadOnlyList<EarningLine> ReadLines(string json) => JsonSerializer.Deserialize<List<EarningLine>>(json, Json) ?? [];
}
