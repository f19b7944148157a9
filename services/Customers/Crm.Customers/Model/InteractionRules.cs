using Crm.Contracts.Customers;
namespace Crm.Customers.Model;

public static class InteractionRules
{
    public static ValidationErrors Validate(PostInteraction interaction, DateTimeOffset now, TimeSpan futureTolerance)
    {
        var errors = new ValidationErrors();
        FieldRules.Required(errors, "interactionId", interaction.InteractionId, FieldRules.IdLength);
        FieldRules.Past(errors, "occurredAt", interaction.OccurredAt, now, futureTolerance);
        FieldRules.OneOf(errors, "channel", interaction.Channel, InteractionTypes.Channels);
        FieldRules.OneOf(errors, "type", interaction.Type, InteractionTypes.All);
        if (interaction.CostToServe is { } cost)
        {
            FieldRules.Amount(errors, "costToServe", cost, 4, 1_000_000m);
            FieldRules.Currency(errors, "currency", interaction.Currency);
        }
        else if (interaction.Currency is not null)
        {
            FieldRules.Currency(errors, "currency", interaction.Currency);
        }

        return errors;
    }
}
