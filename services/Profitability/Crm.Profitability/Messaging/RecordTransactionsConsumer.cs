using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>
/// Sales and returns enter the P&amp;L once. Posted ones arrive one per event, hundreds a second, and are stored a batch
/// of events at a time (<see cref="ProfitabilityServiceExtensions.AddProfitabilityConsumers"/>); a bulk event of a
/// thousand is a transaction of its own.
/// </summary>
public sealed class RecordTransactionsConsumer(NpgsqlDataSource dataSource, FactStore facts)
    : InboxBatchConsumer<TransactionsRecorded>(dataSource)
{
    /// <summary>
    /// Batches stored at once (<see cref="ProfitabilityServiceExtensions.AddProfitabilityConsumers"/>), each with a
    /// connection of its own: the pool keeps them on top of its share.
    /// </summary>
    public const int ConcurrentBatches = 4;

    protected override int Weight(TransactionsRecorded message) => message.Transactions.Count;

    protected override int MaxWeightPerTransaction => 1_000;

    protected override Task HandleAsync(IReadOnlyList<TransactionsRecorded> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        facts.RecordTransactionsAsync(transaction, [.. messages.SelectMany(message => message.Transactions)], cancellationToken);
}
