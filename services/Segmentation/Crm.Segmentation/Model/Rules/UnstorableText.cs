using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// Text a definition cannot hold: NUL, which PostgreSQL cannot store in jsonb, and a lone UTF-16 surrogate, which is
/// not text at all (reading it throws). Looked for before parsing, so the parser reads only strings it can.
/// </summary>
internal static class UnstorableText
{
    private const string Problem = "text cannot hold NUL (\\u0000) or an unpaired UTF-16 surrogate (\\ud800 to \\udfff)";

    public static void Find(JsonElement element, string path, List<RuleError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when !Readable(() => element.GetString()):
                errors.Add(new RuleError(path, Problem));
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (Readable(() => property.Name))
                    {
                        Find(property.Value, RulePaths.Property(path, property.Name), errors);
                    }
                    else
                    {
                        errors.Add(new RuleError(path, $"a key's {Problem}"));
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Find(item, RulePaths.Index(path, index++), errors);
                }

                break;
        }
    }

    private static bool Readable(Func<string?> read)
    {
        try
        {
            return read() is not { } text || !text.Contains('\0', StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate.
            return false;
        }
    }
}
