using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>A transaction entered in error leaves the P&amp;L, whether it arrived before the reversal or arrives after.</summary>
public sealed class ReverseTransactionConsumer(NpgsqlDataSource dataSource, FactStore facts)
    : InboxConsumer<TransactionReversed>(dataSource)
{
    protected override Task HandleAsync(TransactionReversed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        facts.ReverseAsync(transaction, message, cancellationToken);
}
