namespace Crm.Contracts.Customers;

/// <summary>The channels a customer can be contacted on; strings in events so new channels are additive.</summary>
public static class ContactChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Phone = "phone";
    public const string PostalMail = "postalMail";
    public const string Push = "push";

    public static IReadOnlyList<string> All { get; } = [Email, Sms, Phone, PostalMail, Push];
}
