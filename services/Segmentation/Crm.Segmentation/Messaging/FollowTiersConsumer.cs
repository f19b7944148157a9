using Crm.Contracts.Loyalty;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>The customer's loyalty tier from the loyalty service, for rules on <c>loyaltyTier</c>, with the segments it moves.</summary>
public sealed class FollowTiersConsumer(NpgsqlDataSource dataSource, MembershipMaintainer memberships)
    : InboxConsumer<TierChanged>(dataSource)
{
    // A customer's tier events come in order (they travel in the customer's stream), so the latest one wins; but not in
    // order with the customers service's erasure, so an erased customer is skipped.
    private const string RecordSql = """
        insert into customer_facts (customer_id, loyalty_tier, updated_at)
        select @CustomerId, @Tier, now() where not exists (select from erased_customers e where e.customer_id = @CustomerId)
        on conflict (customer_id) do update set loyalty_tier = excluded.loyalty_tier, updated_at = excluded.updated_at
        """;

    protected override async Task HandleAsync(TierChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            RecordSql, new { message.CustomerId, Tier = message.To }, transaction, cancellationToken: cancellationToken));
        await memberships.RefreshAsync(transaction, [message.CustomerId], cancellationToken);
    }
}
