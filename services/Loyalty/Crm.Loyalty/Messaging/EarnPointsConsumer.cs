using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>
/// Sales earn points and returns take them back, once. Posted sales arrive one per event, hundreds a second: they are
/// taken a batch of events at a time (<see cref="LoyaltyServiceExtensions.AddLoyaltyConsumers"/>), so a second's
/// postings cost a few transactions rather than hundreds; a bulk event of a thousand sales is split by member into
/// <see cref="MemberPartitions"/> transactions that run side by side.
/// </summary>
public sealed class EarnPointsConsumer(NpgsqlDataSource dataSource, TransactionEarning earning)
    : InboxBatchConsumer<TransactionsRecorded>(dataSource)
{
    /// <summary>
    /// Earning locks each member's account until it commits; partitions by member never share one, so they never wait
    /// for each other, and with a few of them one computes while others are in the database. A sale and its return
    /// have the same member, so they stay in one partition, in order. Changing the count is safe: a sale earns once
    /// and a return counts once by their own ids, whatever the inbox knows.
    /// </summary>
    public const int MemberPartitions = 4;

    /// <summary>Batches earned at once (<see cref="LoyaltyServiceExtensions.AddLoyaltyConsumers"/>).</summary>
    public const int ConcurrentBatches = 2;

    /// <summary>Connections earning holds at most, one per partition of each batch: the pool keeps them on top of its share.</summary>
    public const int ConnectionsHeld = ConcurrentBatches * MemberPartitions;

    protected override int Weight(TransactionsRecorded message) => message.Transactions.Count;

    // Each transaction locks its members' accounts until it commits: a few hundred sales keep that to a fraction of a second.
    protected override int MaxWeightPerTransaction => 250;

    protected override int Partitions => MemberPartitions;

    // Posted sales come a few per batch: under the suite's 300 postings a second, four transactions of four sales each
    // per batch took the cores the postings needed. A bulk event's thousand sales are still split.
    protected override int MinWeightToSplit => 64;

    protected override TransactionsRecorded? PartFor(TransactionsRecorded message, int partition)
    {
        var part = message.Transactions.Where(transaction => PartitionOf(transaction.CustomerId) == partition).ToList();
        return part.Count == 0 ? null : message with { Transactions = part };
    }

    protected override Task HandleAsync(IReadOnlyList<TransactionsRecorded> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        earning.EarnAsync(transaction, [.. messages.SelectMany(message => message.Transactions)], cancellationToken);
}
