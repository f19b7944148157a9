using Crm.Contracts.Customers;
using Crm.Contracts.Segmentation;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>
/// An erased customer leaves every segment (announced, so followers forget them too), and their facts, purchase
/// days, purchase channels, consents and membership history go. They are recorded as erased in the same transaction,
/// so events about them still on their way in other streams (imports, value runs, loyalty tiers) write nothing.
/// </summary>
public sealed class ForgetErasedCustomerConsumer(
    NpgsqlDataSource dataSource, CustomerFactStore facts, SegmentCatalog catalog, MembershipWriter writer)
    : InboxConsumer<CustomerErased>(dataSource)
{
    // Batches about the person still uncommitted finish first, and are forgotten with the rest.
    protected override bool Erases => true;

    private const string MembershipsSql = "select segment_id from segment_members where customer_id = @CustomerId";

    protected override async Task HandleAsync(CustomerErased message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var memberOf = (await connection.QueryAsync<Guid>(new CommandDefinition(
            MembershipsSql, new { message.CustomerId }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var segments = await catalog.CurrentAsync(connection, transaction, cancellationToken);
        var leaving = segments.Where(segment => memberOf.Contains(segment.Id))
            .Select(segment => new MembershipChange(segment, message.CustomerId, MembershipChanges.Left, "customer erased"))
            .ToList();
        await writer.ApplyAsync(transaction, leaving, cancellationToken);
        await facts.ForgetAsync(transaction, message.CustomerId, cancellationToken);
    }
}
