using Crm.Segmentation.Data;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Apis;

/// <summary>What a clustering request must satisfy; each problem is reported under the field it concerns (<c>features[1]</c>).</summary>
public static class ClusteringRequestRules
{
    /// <summary>One cluster is the whole customer base.</summary>
    public const int LowestK = 2;

    /// <summary>More clusters than a team can give a strategy each are not segments anyone will manage.</summary>
    public const int HighestK = 10;

    public const int DefaultSeed = 1;

    /// <summary>The settings, or null with <paramref name="errors"/> filled.</summary>
    public static ClusteringSettings? Validate(ClusteringRequest? request, ValidationErrors errors)
    {
        var features = Features(request?.Features, errors);
        var kMin = request?.KMin ?? LowestK;
        var kMax = request?.KMax ?? HighestK;
        var inRange = InRange(errors, "kMin", kMin, "the fewest clusters to try") & InRange(errors, "kMax", kMax, "the most clusters to try");
        if (inRange && kMin > kMax)
        {
            errors.Add("kMin", $"must be at most kMax ({kMax}), not {kMin}.");
        }

        return errors.IsEmpty ? new ClusteringSettings(features!, kMin, kMax, request?.Seed ?? DefaultSeed) : null;
    }

    private static BehaviouralFeature[]? Features(IReadOnlyList<string?>? names, ValidationErrors errors)
    {
        var allowed = $"features are {string.Join(", ", BehaviouralFeatures.Names)}";
        if (names is null)
        {
            return [.. BehaviouralFeatures.All];
        }

        if (names.Count == 0)
        {
            errors.Add("features", $"must list at least one feature, or be left out to use them all; {allowed}.");
            return null;
        }

        var features = new List<BehaviouralFeature>();
        for (var i = 0; i < names.Count; i++)
        {
            var field = $"features[{i}]";
            if (string.IsNullOrEmpty(names[i]) || BehaviouralFeatures.Find(names[i]!) is not { } feature)
            {
                errors.Add(field, string.IsNullOrEmpty(names[i]) ? $"must name a feature; {allowed}." : BehaviouralFeatures.Unknown(names[i]!) + ".");
            }
            else if (features.Contains(feature))
            {
                errors.Add(field, $"'{feature.Name}' is listed twice.");
            }
            else
            {
                features.Add(feature);
            }
        }

        return [.. features];
    }

    private static bool InRange(ValidationErrors errors, string field, int k, string meaning)
    {
        if (k is >= LowestK and <= HighestK)
        {
            return true;
        }

        errors.Add(field, $"must be between {LowestK} and {HighestK} ({meaning}), not {k}.");
        return false;
    }
}
