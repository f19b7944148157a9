using System.Collections.Frozen;
using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// What a segment rule can see about one customer, kept up to date by the service from events. A null property means
/// the service has no value for it yet (see <see cref="ParsedRule"/> for how rules treat that).
/// </summary>
public sealed class CustomerFacts
{
    public string? AcquisitionSource { get; set; }

    public string? Country { get; set; }

    public DateOnly? CustomerSince { get; set; }

    /// <summary>The profile's free-form attributes; rules read them as <c>attributes.&lt;dotted.path&gt;</c>.</summary>
    public JsonElement? Attributes { get; set; }

    /// <summary>
    /// Granted consents as <c>channel:purpose</c>, spelled as the consent events spell them (<c>postalMail:marketing</c>);
    /// lookups use the set's own comparer. Shared empty by default so a million customers without consent cost nothing.
    /// </summary>
    public IReadOnlySet<string> Consents { get; set; } = FrozenSet<string>.Empty;

    /// <summary>RFM recency score, 1 (long ago) to 5 (recent).</summary>
    public int? Recency { get; set; }

    /// <summary>RFM frequency score, 1 to 5.</summary>
    public int? Frequency { get; set; }

    /// <summary>RFM monetary score, 1 to 5.</summary>
    public int? Monetary { get; set; }

    /// <summary>The named RFM segment, e.g. <c>champions</c>.</summary>
    public string? RfmSegment { get; set; }

    public int? DaysSinceLastPurchase { get; set; }

    public int? Purchases { get; set; }

    public decimal? Revenue { get; set; }

    public decimal? LifetimeValue { get; set; }

    public double? ProbabilityAlive { get; set; }

    public decimal? Profit { get; set; }

    /// <summary>low, medium or high.</summary>
    public string? ChurnRisk { get; set; }

    public string? ValueTier { get; set; }

    public string? LoyaltyTier { get; set; }

    /// <summary>Latest score per survey name (e.g. <c>nps</c>); lookups use the dictionary's own comparer.</summary>
    public IReadOnlyDictionary<string, double> SurveyScores { get; set; } = FrozenDictionary<string, double>.Empty;
}
