using System.Globalization;
using Crm.Segmentation.Model.Portraits;
using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Value;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// The first statement of a portrait batch — the members' and the population's totals, the lifetime-value spread and
/// average RFM scores — and the assembly of the portrait from it, the mixes and the consent coverage.
/// </summary>
internal sealed record PortraitTotals(
    long Members,
    decimal Revenue,
    decimal Profit,
    long Valued,
    decimal? AverageValue,
    decimal? MinimumValue,
    decimal? MaximumValue,
    double[]? ValueQuantiles,
    long Scored,
    double? AverageRecency,
    double? AverageFrequency,
    double? AverageMonetary,
    long PopulationCustomers,
    decimal PopulationRevenue,
    decimal PopulationProfit)
{
    // The mixes' names in the grouping-sets statement.
    public const string Countries = "country";
    public const string AcquisitionSources = "acquisitionSource";
    public const string Cohorts = "cohort";
    public const string ProfitBands = "profitBand";
    public const string ChurnRisks = "churnRisk";
    public const string PreferredChannels = "preferredChannel";
    public const string ValueDeciles = "decile";
    public const string RfmScores = "rfm";

    public static PortraitTotals Read(NpgsqlDataReader reader)
    {
        T? Get<T>(int ordinal) => reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);
        return new PortraitTotals(
            reader.GetInt64(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetInt64(3), Get<decimal?>(4), Get<decimal?>(5),
            Get<decimal?>(6), Get<double[]>(7), reader.GetInt64(8), Get<double?>(9), Get<double?>(10), Get<double?>(11),
            reader.GetInt64(12), reader.GetDecimal(13), reader.GetDecimal(14));
    }

    public Portrait ToPortrait(
        Guid? segmentId, string name, IReadOnlyList<(string Mix, string? Value, long Members)> mixes, IReadOnlyList<(string Value, long Members)> consents)
    {
        IReadOnlyList<MixShare> Mix(string mix, Func<string?, string?>? label = null) =>
            PortraitMix.Of(mixes.Where(row => row.Mix == mix).Select(row => (label is null ? row.Value : label(row.Value), row.Members)), Members);

        var quantiles = ValueQuantiles is [var p10, var p25, var median, var p75, var p90]
            ? new LifetimeValueQuantiles(Money(p10), Money(p25), Money(median), Money(p75), Money(p90))
            : null;
        var lifetimeValue = new LifetimeValueProfile(
            Valued, AverageValue is { } average ? Math.Round(average, 2) : null, MinimumValue, MaximumValue, quantiles, Mix(ValueDeciles, ValueTier));
        var rfm = new RfmProfile(Scored, AverageRecency, AverageFrequency, AverageMonetary, Mix(RfmScores, RfmSegment));
        return new Portrait(
            segmentId, name, Members, Share(Members, PopulationCustomers),
            Revenue, PopulationRevenue > 0 ? (double)(Revenue / PopulationRevenue) : null,
            Profit, PopulationProfit > 0 ? (double)(Profit / PopulationProfit) : null,
            Members == 0 ? null : Math.Round(Profit / Members, 2),
            lifetimeValue, rfm, new Demographics(Mix(Countries), Mix(Cohorts)),
            Mix(AcquisitionSources), Mix(PreferredChannels), PortraitMix.Coverage(consents, Members), Mix(ProfitBands), Mix(ChurnRisks));
    }

    private static double Share(long count, long of) => of == 0 ? 0 : (double)count / of;

    private static decimal Money(double value) => Math.Round((decimal)value, 2);

    /// <summary>The named RFM segment of a "recency:frequency" group; null for members not scored.</summary>
    private static string? RfmSegment(string? scores) =>
        scores?.Split(':') is [var recency, var frequency] ? RfmSegments.Name(Score(recency), Score(frequency)) : null;

    private static string? ValueTier(string? decile) => decile is null ? null : ValueTiers.OfDecile(Score(decile));

    private static int Score(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
