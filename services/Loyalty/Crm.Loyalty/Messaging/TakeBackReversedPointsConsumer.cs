using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>A transaction entered in error earns nothing: what it earned is taken back (or never given, if it comes first).</summary>
public sealed class TakeBackReversedPointsConsumer(NpgsqlDataSource dataSource, TransactionCorrections corrections)
    : InboxConsumer<TransactionReversed>(dataSource)
{
    protected override Task HandleAsync(TransactionReversed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        corrections.ApplyAsync(transaction, message.EventId, message.TransactionId, message.CustomerId, returnedNet: null, cancellationToken);
}
