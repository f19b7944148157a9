using Crm.Contracts.Customers;

namespace Crm.Customers.Imports;

/// <summary>Consent a customer import grants: a channel (<see cref="ContactChannels"/>) and purpose (<see cref="ContactPurposes"/>).</summary>
internal sealed record GrantedConsent(string Channel, string Purpose)
{
    /// <summary>"email:marketing" → the consent; null with a message when the text is not one.</summary>
    public static GrantedConsent? Parse(string text, out string? problem)
    {
        problem = null;
        var parts = text.Trim().Split(':');
        if (parts.Length != 2)
        {
            problem = $"'{Model.FieldRules.Shorten(text)}' is not channel:purpose, such as email:marketing.";
            return null;
        }

        var (channel, purpose) = (parts[0].Trim(), parts[1].Trim());
        if (!ContactChannels.All.Contains(channel))
        {
            problem = $"'{Model.FieldRules.Shorten(channel)}' is not one of the channels: {string.Join(", ", ContactChannels.All)}.";
            return null;
        }

        if (!ContactPurposes.All.Contains(purpose))
        {
            problem = $"'{Model.FieldRules.Shorten(purpose)}' is not one of the purposes: {string.Join(", ", ContactPurposes.All)}.";
            return null;
        }

        return new GrantedConsent(channel, purpose);
    }
}
