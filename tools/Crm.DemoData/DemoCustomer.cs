namespace Crm.DemoData;

/// <summary>One generated customer: the profile row and the hidden traits that drive their behaviour.</summary>
public sealed record DemoCustomer(
    int Number,
    string ExternalId,
    string Name,
    string? Email,
    string? Phone,
    DateOnly? BirthDate,
    int? HouseholdSize,
    string Country,
    string? Region,
    string AcquisitionSource,
    string? AcquisitionNote,
    DateOnly CustomerSince,
    IReadOnlyList<string> Consents)
{
    public bool HasConsent(string channel, string purpose) => Consents.Contains($"{channel}:{purpose}");

    /// <summary>The business key of customer <paramref name="number"/> (1 is the first), the same for every seed and end date.</summary>
    public static string ExternalIdOf(int number) => $"demo-{number:000000}";
}
