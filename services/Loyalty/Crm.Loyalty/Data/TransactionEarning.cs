using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Loyalty;
using Crm.Data;
using Crm.Loyalty.Model.Earning;
using Crm.Loyalty.Model.Tiers;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Turns a batch of recorded transactions into points inside the consumer's transaction: sales earn by the rules in
/// force (each sale once, whatever path it arrives by), returns take back what their sale earned, tiers follow, and
/// the PointsEarned batch goes out through the outbox with them.
/// </summary>
public sealed partial class TransactionEarning(
    MemberContextStore members,
    EarnRuleStore rules,
    TierPrivileges privileges,
    EarnedTransactionStore earned,
    LedgerWriter ledger,
    TransactionCorrections corrections,
    TierReview tiers,
    Crm.Messaging.Outbox.Outbox outbox,
    IOptions<LoyaltyOptions> options,
    TimeProvider clock,
    ILogger<TransactionEarning> logger)
{
    private const int EventBatchSize = 1_000;

    public async Task EarnAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedTransaction> recorded, CancellationToken cancellationToken)
    {
        var currency = options.Value.Currency;
        var sales = recorded.Where(t => t.Kind == TransactionKinds.Sale && t.NetAmount > 0).ToList();
        var foreign = sales.RemoveAll(t => !string.Equals(t.Currency, currency, StringComparison.OrdinalIgnoreCase));
        if (foreign > 0)
        {
            LogForeignCurrency(foreign, currency);
        }

        var returns = recorded.Where(t => t.Kind == TransactionKinds.Return && t.OriginalTransactionId is not null).ToList();
        // Measured in a million-line drain before autovacuum had analysed anything: the look-up of returns waiting for
        // the batch's sales scanned all of transaction_corrections 3,340 times (56 million rows).
        await transaction.PreferIndexesAsync(cancellationToken);
        var fresh = sales.Count > 0 ? await FreshAsync(transaction, sales, cancellationToken) : [];
        if (fresh.Count == 0 && returns.Count == 0)
        {
            return;
        }

        // Every member the batch touches is locked in one ordered statement: a return then waits for a sale of its member
        // being earned by a concurrent batch (or that sale waits for it) instead of both missing each other, and two
        // batches cannot deadlock.
        var now = clock.GetStoredUtcNow();
        var contexts = await members.LockAsync(
            transaction, [.. fresh.Select(sale => sale.CustomerId)], [.. returns.Select(r => r.CustomerId)], now, cancellationToken);
        fresh.RemoveAll(sale => !contexts.ContainsKey(sale.CustomerId));
        if (fresh.Count > 0)
        {
            await EarnFromSalesAsync(transaction, fresh, contexts, now, cancellationToken);
        }

        await corrections.ApplyHoldingLocksAsync(transaction,
            [.. returns.Select(returned => new Correction(returned.TransactionId, returned.OriginalTransactionId!.Value, returned.CustomerId, returned.NetAmount))],
            cancellationToken);
    }

    // Sales not earned before, once each, in time order within a customer: the Nth purchase and threshold bonuses count
    // in the order things happened.
    private async Task<List<RecordedTransaction>> FreshAsync(NpgsqlTransaction transaction, List<RecordedTransaction> sales, CancellationToken cancellationToken)
    {
        var known = await earned.KnownAsync(transaction, sales.Select(sale => sale.TransactionId), cancellationToken);
        return sales.Where(sale => !known.Contains(sale.TransactionId)).DistinctBy(sale => sale.TransactionId)
            .OrderBy(sale => sale.CustomerId).ThenBy(sale => sale.OccurredAt).ToList();
    }

    private async Task EarnFromSalesAsync(
        NpgsqlTransaction transaction, List<RecordedTransaction> fresh, IReadOnlyDictionary<Guid, MemberContext> contexts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inForce = await rules.InForceAsync(transaction.Connection!, transaction, cancellationToken);
        var engine = new EarningEngine([.. inForce, .. await privileges.EarnMultipliersAsync(transaction, cancellationToken)]);
        var settings = options.Value;

        var saved = new List<(EarningTransaction Sale, Guid CustomerId, long Points)>(fresh.Count);
        var credits = new List<Credit>();
        foreach (var sale in fresh)
        {
            var member = contexts[sale.CustomerId];
            var earning = ToEarning(sale);
            var awards = engine.Earn(member.Customer, earning, member.Counters);
            var points = awards.Sum(award => award.Points);
            member.Counters.Add(QualifyingCounts.Earned(sale.OccurredAt), points);
            member.Counters.Add(QualifyingCounts.Spent(sale.OccurredAt), sale.NetAmount);
            saved.Add((earning, sale.CustomerId, points));
            if (points > 0)
            {
                credits.Add(new Credit(sale.CustomerId, LedgerKinds.Earn, $"transaction:{sale.TransactionId}", sale.OccurredAt,
                    sale.OccurredAt + settings.ReturnWindow, sale.OccurredAt + settings.PointsLifetime,
                    [.. awards.Select(award => new CreditLine(award.Points, award.RuleId, award.RuleVersion, award.Explanation))]));
            }
        }

        await earned.InsertAsync(transaction, saved, cancellationToken);
        await ledger.CreditAsync(transaction, credits, cancellationToken);
        await members.SaveCountersAsync(transaction, contexts.Values, cancellationToken);
        await corrections.ApplyWaitingAsync(transaction, [.. fresh.Select(sale => sale.TransactionId)], cancellationToken);
        await tiers.ReviewAsync(transaction, [.. contexts.Values], now, cancellationToken);
        await outbox.EnqueueAsync(transaction, [.. credits.Chunk(EventBatchSize).Select(chunk => (IIntegrationEvent)new PointsEarnedBatch(
            Guid.CreateVersion7(), now, [.. chunk.Select(credit => new PointsEarned(
                Guid.CreateVersion7(), credit.EarnedAt, credit.CustomerId, credit.Source, credit.Points, credit.AvailableAt, credit.ExpiresAt))]))],
            cancellationToken);
    }

    private static EarningTransaction ToEarning(RecordedTransaction sale) => new(
        sale.TransactionId,
        sale.OccurredAt,
        sale.Channel,
        sale.NetAmount,
        [.. sale.Categories.Select(category => new EarningLine(category.Category, null, category.NetAmount))]);

    [LoggerMessage(LogLevel.Information, "{Count} sales in a currency other than {Currency} earn no points.")]
    private partial void LogForeignCurrency(int count, string currency);
}
