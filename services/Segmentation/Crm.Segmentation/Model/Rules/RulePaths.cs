namespace Crm.Segmentation.Model.Rules;

/// <summary>JSON paths into a definition, as errors and explanations report them: <c>$.all[1].any[0].op</c>.</summary>
internal static class RulePaths
{
    public const string Root = "$";

    public static string Property(string parent, string key) =>
        key.Length > 0 && key.All(char.IsAsciiLetterOrDigit) ? $"{parent}.{key}" : $"{parent}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
