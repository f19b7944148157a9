using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>An erased customer's account goes; their points history stays only under an anonymous id.</summary>
public sealed class ForgetErasedCustomerConsumer(NpgsqlDataSource dataSource, MemberErasure erasure)
    : InboxConsumer<CustomerErased>(dataSource)
{
    // Batches about the person still uncommitted finish first, and are forgotten with the rest.
    protected override bool Erases => true;

    protected override Task HandleAsync(CustomerErased message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        erasure.ForgetAsync(transaction, message.CustomerId, cancellationToken);
}
