using System.Text;
using System.Text.Json;

namespace Crm.Customers.Imports;

/// <summary>Names fields in errors as the file names them: CSV columns in snake_case, JSON properties in camelCase.</summary>
internal static class ImportFields
{
    public static string Name(string field, bool csv)
    {
        if (!csv)
        {
            return field;
        }

        var name = new StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            if (char.IsUpper(c))
            {
                name.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }

    /// <summary>The error for an NDJSON line that is not the JSON we expect, naming the property at fault when known.</summary>
    public static ImportRowError Unreadable(long line, JsonException exception)
    {
        var path = exception.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        return new ImportRowError(line, path, path is null
            ? "is not a JSON object of the expected shape."
            : "has a value of the wrong type or format.");
    }
}
