using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Loyalty.Model.Earning;
using Crm.Messaging.Inbox;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>
/// Keeps the birth date (for birthday points) and awards the profile-completed event the first time a profile has
/// every field the plan asks for.
/// </summary>
public sealed class FollowProfileConsumer(NpgsqlDataSource dataSource, EventEarning events)
    : InboxConsumer<CustomerProfileUpdated>(dataSource)
{
    private const string BirthDateSql = "update points_accounts set birth_date = @BirthDate where customer_id = @CustomerId";

    protected override async Task HandleAsync(CustomerProfileUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var profile = message.Profile;
        if (IsComplete(profile))
        {
            await events.AwardAsync(transaction, message.CustomerId,
                new EarningEvent(message.EventId, EarningEventTypes.ProfileCompleted, message.OccurredAt), EarningEventTypes.ProfileCompleted, cancellationToken);
        }

        await transaction.Connection!.ExecuteAsync(new CommandDefinition(BirthDateSql, new
        {
            message.CustomerId,
            BirthDate = profile.BirthDate?.ToDateTime(TimeOnly.MinValue),
        }, transaction, cancellationToken: cancellationToken));
    }

    private static bool IsComplete(CustomerProfile profile) =>
        !string.IsNullOrWhiteSpace(profile.Email) && !string.IsNullOrWhiteSpace(profile.Phone) && profile.BirthDate is not null
        && !string.IsNullOrWhiteSpace(profile.Country) && profile.HouseholdSize is not null;
}
