using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>
/// Sales earn points and returns take them back, once. Posted sales arrive one per event, hundreds a second: they are
/// taken a batch of events at a time (<see cref="LoyaltyServiceExtensions.AddLoyaltyConsumers"/>), so a second's
/// postings cost a few transactions rather than hundreds; a bulk event of a thousand sales is a transaction of its own.
/// </summary>
public sealed class EarnPointsConsumer(NpgsqlDataSource dataSource, TransactionEarning earning)
    : InboxBatchConsumer<TransactionsRecorded>(dataSource)
{
    protected override int Weight(TransactionsRecorded message) => message.Transactions.Count;

    // Each transaction locks its members' accounts until it commits: a thousand sales keep that to a fraction of a second.
    protected override int MaxWeightPerTransaction => 1_000;

    protected override Task HandleAsync(IReadOnlyList<TransactionsRecorded> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        earning.EarnAsync(transaction, [.. messages.SelectMany(message => message.Transactions)], cancellationToken);
}
