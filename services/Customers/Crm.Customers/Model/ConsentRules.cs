using Crm.Contracts.Customers;

namespace Crm.Customers.Model;

public static class ConsentRules
{
    public static IReadOnlyList<string> Bases { get; } = ["consent", "legitimateInterest", "contract", "legalObligation"];

    /// <summary>What consent is about: a known channel and purpose.</summary>
    public static ValidationErrors ValidateTopic(string channel, string purpose)
    {
        var errors = new ValidationErrors();
        FieldRules.OneOf(errors, "channel", channel, ContactChannels.All);
        FieldRules.OneOf(errors, "purpose", purpose, ContactPurposes.All);
        return errors;
    }

    public static ValidationErrors Validate(string channel, string purpose, ConsentChange change, DateTimeOffset now, TimeSpan futureTolerance)
    {
        var errors = ValidateTopic(channel, purpose);
        if (change.Granted is null)
        {
            errors.Add("granted", "is required: true to grant, false to withdraw.");
        }

        FieldRules.OneOf(errors, "basis", change.Basis, Bases);
        FieldRules.Required(errors, "source", change.Source, 100);
        if (change.ChangedAt is { } changedAt)
        {
            FieldRules.Past(errors, "changedAt", changedAt, now, futureTolerance);
        }

        return errors;
    }
}
