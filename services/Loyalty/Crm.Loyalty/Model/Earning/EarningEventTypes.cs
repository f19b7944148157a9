namespace Crm.Loyalty.Model.Earning;

/// <summary>The business events an event rule can reward, as they are named in rules and in the JSON of requests.</summary>
public static class EarningEventTypes
{
    public const string SurveyCompleted = "surveyCompleted";
    public const string Referral = "referral";
    public const string Birthday = "birthday";
    public const string ProfileCompleted = "profileCompleted";

    public static IReadOnlyList<string> All { get; } = [SurveyCompleted, Referral, Birthday, ProfileCompleted];

    /// <summary>The canonical spelling of a known event type (matched case-insensitively), or null when it is not one.</summary>
    public static string? Normalize(string? eventType) =>
        eventType is null ? null : All.FirstOrDefault(known => string.Equals(known, eventType.Trim(), StringComparison.OrdinalIgnoreCase));
}
