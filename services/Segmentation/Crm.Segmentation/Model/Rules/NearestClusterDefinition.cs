using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// The <c>nearestCluster</c> leaf as a definition spells it:
/// <c>{"nearestCluster": {"clustering": "&lt;id&gt;", "cluster": 2, "features": [...], "means": [...], "scales": [...], "centroids": [[...], ...]}}</c>.
/// Clusters are numbered from 1; means and scales (standard deviations) are per feature in the feature's units; each
/// centroid has one coordinate per feature in standard deviations from the mean. Everything placing a customer needs is
/// in the leaf, so evaluating it needs no database and a later clustering cannot change a saved segment.
/// </summary>
internal static class NearestClusterDefinition
{
    public const string Key = "nearestCluster";

    /// <summary>As many as a clustering tries: beyond that a segment's rule would grow for no segmentation anyone chose.</summary>
    public const int MaxClusters = 10;

    private const int MaxClusteringLength = 100;
    private const string Shape = "{\"cluster\": 1, \"features\": [...], \"means\": [...], \"scales\": [...], \"centroids\": [[...], ...]}";
    private static readonly string[] Keys = ["clustering", "cluster", "features", "means", "scales", "centroids"];

    /// <param name="path">The path of the object holding <c>nearestCluster</c>.</param>
    public static NearestClusterNode? Parse(JsonElement definition, string path, List<RuleError> errors)
    {
        var leafPath = RulePaths.Property(path, Key);
        if (definition.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new RuleError(leafPath, $"nearestCluster takes an object: {Shape}"));
            return null;
        }

        var before = errors.Count;
        var parts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in definition.EnumerateObject())
        {
            var propertyPath = RulePaths.Property(leafPath, property.Name);
            if (!Keys.Contains(property.Name))
            {
                errors.Add(new RuleError(propertyPath,
                    $"unknown key '{property.Name}'{ClosestNames.DidYouMean(property.Name, Keys)}; nearestCluster has {string.Join(", ", Keys)}"));
            }
            else if (!parts.TryAdd(property.Name, property.Value))
            {
                errors.Add(new RuleError(propertyPath, $"'{property.Name}' appears more than once"));
            }
        }

        var features = Features(parts, leafPath, errors);
        var means = Numbers(parts, "means", leafPath, features?.Length, errors, "means takes the population mean of each feature");
        var scales = Numbers(parts, "scales", leafPath, features?.Length, errors, "scales takes the standard deviation of each feature, each above 0");
        var centroids = Centroids(parts, leafPath, features?.Length, errors);
        var cluster = Cluster(parts, leafPath, centroids?.Length, errors);
        var clustering = Clustering(parts, leafPath, errors);
        if (errors.Count > before || features is null || means is null || scales is null || centroids is null || cluster is not { } number)
        {
            return null;
        }

        return new NearestClusterNode(path, new ClusterCentroids(features, means, scales, centroids), number - 1, clustering);
    }

    /// <summary>The leaf placing customers in <paramref name="cluster"/> (from 1) of these centroids.</summary>
    public static JsonElement Write(
        string? clustering, int cluster, IReadOnlyList<string> features, IReadOnlyList<double> means, IReadOnlyList<double> scales,
        IReadOnlyList<IReadOnlyList<double>> centroids)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(Key);
            if (clustering is not null)
            {
                writer.WriteString("clustering", clustering);
            }

            writer.WriteNumber("cluster", cluster);
            writer.WriteStartArray("features");
            foreach (var feature in features)
            {
                writer.WriteStringValue(feature);
            }

            writer.WriteEndArray();
            WriteNumbers(writer, "means", means);
            WriteNumbers(writer, "scales", scales);
            writer.WriteStartArray("centroids");
            foreach (var centroid in centroids)
            {
                WriteNumbers(writer, null, centroid);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        // Doubles are written in their shortest round-trip form: the leaf read back places customers identically.
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static BehaviouralFeature[]? Features(Dictionary<string, JsonElement> parts, string leafPath, List<RuleError> errors)
    {
        var path = RulePaths.Property(leafPath, "features");
        var allowed = $"features are {string.Join(", ", BehaviouralFeatures.Names)}";
        if (!parts.TryGetValue("features", out var list))
        {
            return Fail<BehaviouralFeature[]>(errors, path, $"nearestCluster needs the features the centroids are in; {allowed}");
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0 || list.GetArrayLength() > BehaviouralFeatures.All.Count)
        {
            return Fail<BehaviouralFeature[]>(errors, path, $"features takes a list of 1 to {BehaviouralFeatures.All.Count} feature names; {allowed}");
        }

        var features = new BehaviouralFeature[list.GetArrayLength()];
        var ok = true;
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = RulePaths.Index(path, i);
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (name is null || BehaviouralFeatures.Find(name) is not { } feature)
            {
                errors.Add(new RuleError(itemPath, name is null ? $"a feature is named as text; {allowed}" : BehaviouralFeatures.Unknown(name)));
                ok = false;
            }
            else if (Array.Exists(features, seen => seen == feature))
            {
                errors.Add(new RuleError(itemPath, $"'{name}' is listed twice"));
                ok = false;
            }
            else
            {
                features[i] = feature;
            }

            i++;
        }

        return ok ? features : null;
    }

    private static double[]? Numbers(Dictionary<string, JsonElement> parts, string key, string leafPath, int? features, List<RuleError> errors, string meaning)
    {
        var path = RulePaths.Property(leafPath, key);
        if (!parts.TryGetValue(key, out var list))
        {
            return Fail<double[]>(errors, path, $"nearestCluster needs {key}: {meaning}");
        }

        var length = list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : -1;
        if (length < 1 || length > BehaviouralFeatures.All.Count || (features is { } d && length != d))
        {
            var listed = features is { } count ? $"a list of {count} numbers" : "a list of numbers";
            return Fail<double[]>(errors, path, $"{meaning}: {listed}, one per feature");
        }

        return Row(list, path, errors, positive: key == "scales");
    }

    private static double[][]? Centroids(Dictionary<string, JsonElement> parts, string leafPath, int? features, List<RuleError> errors)
    {
        var path = RulePaths.Property(leafPath, "centroids");
        var meaning = $"centroids takes 2 to {MaxClusters} centroids, each a list of one number per feature (standard deviations from the mean)";
        if (!parts.TryGetValue("centroids", out var list))
        {
            return Fail<double[][]>(errors, path, $"nearestCluster needs centroids: {meaning}");
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is < 2 or > MaxClusters)
        {
            return Fail<double[][]>(errors, path, meaning);
        }

        var centroids = new double[list.GetArrayLength()][];
        var ok = true;
        var c = 0;
        foreach (var centroid in list.EnumerateArray())
        {
            var centroidPath = RulePaths.Index(path, c);
            var length = centroid.ValueKind == JsonValueKind.Array ? centroid.GetArrayLength() : -1;
            if (length < 1 || length > BehaviouralFeatures.All.Count || (features is { } d && length != d))
            {
                var listed = features is { } count ? $"a list of {count} numbers" : "a list of numbers";
                errors.Add(new RuleError(centroidPath, $"a centroid is {listed}, one per feature"));
                ok = false;
            }
            else if (Row(centroid, centroidPath, errors, positive: false) is { } row)
            {
                centroids[c] = row;
            }
            else
            {
                ok = false;
            }

            c++;
        }

        if (ok && features is null && centroids.Select(row => row.Length).Distinct().Count() > 1)
        {
            return Fail<double[][]>(errors, path, "every centroid has one number per feature");
        }

        return ok ? centroids : null;
    }

    private static double[]? Row(JsonElement list, string path, List<RuleError> errors, bool positive)
    {
        var row = new double[list.GetArrayLength()];
        var ok = true;
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out row[i]) || !double.IsFinite(row[i]) || (positive && row[i] <= 0))
            {
                var expected = positive ? "a scale is a number above 0" : "expected a number";
                errors.Add(new RuleError(RulePaths.Index(path, i), $"{expected}, not {LiteralText.Of(item)}"));
                ok = false;
            }

            i++;
        }

        return ok ? row : null;
    }

    private static int? Cluster(Dictionary<string, JsonElement> parts, string leafPath, int? clusters, List<RuleError> errors)
    {
        var path = RulePaths.Property(leafPath, "cluster");
        var range = clusters is { } k ? $"a cluster number from 1 to {k}" : "a cluster number from 1";
        if (!parts.TryGetValue("cluster", out var value))
        {
            errors.Add(new RuleError(path, $"nearestCluster needs the cluster customers must be nearest to: {range}"));
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var cluster) || cluster < 1 || cluster > (clusters ?? MaxClusters))
        {
            errors.Add(new RuleError(path, $"cluster takes {range}, not {LiteralText.Of(value)}"));
            return null;
        }

        return cluster;
    }

    private static string? Clustering(Dictionary<string, JsonElement> parts, string leafPath, List<RuleError> errors)
    {
        if (!parts.TryGetValue("clustering", out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 and <= MaxClusteringLength } id || id.Any(char.IsControl))
        {
            errors.Add(new RuleError(RulePaths.Property(leafPath, "clustering"),
                $"clustering takes the id of the clustering the centroids came from, as text of at most {MaxClusteringLength} characters"));
            return null;
        }

        return id;
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string? name, IReadOnlyList<double> numbers)
    {
        if (name is null)
        {
            writer.WriteStartArray();
        }
        else
        {
            writer.WriteStartArray(name);
        }

        foreach (var number in numbers)
        {
            writer.WriteNumberValue(number);
        }

        writer.WriteEndArray();
    }

    private static T? Fail<T>(List<RuleError> errors, string path, string message)
        where T : class
    {
        errors.Add(new RuleError(path, message));
        return null;
    }
}
