using System.Text.RegularExpressions;

namespace Crm.ServiceDefaults;

/// <summary>
/// Reads the framework's binding failures (a query value of the wrong type, a missing body or parameter) as a field and
/// a message a client can act on. The framework words them for developers ("Implicit body inferred for parameter
/// "request" … Did you mean to use a Service instead?") and names .NET types; clients need the field and what it takes.
/// </summary>
internal static partial class BindingFailure
{
    public static (string Field, string Message)? Explain(string frameworkMessage)
    {
        if (WrongValue().Match(frameworkMessage) is { Success: true } wrong)
        {
            return (wrong.Groups["name"].Value, $"is not {Expected(wrong.Groups["type"].Value)}.");
        }

        if (MissingBody().IsMatch(frameworkMessage))
        {
            return ("$", "A JSON body is required.");
        }

        if (MissingParameter().Match(frameworkMessage) is { Success: true } missing)
        {
            return (missing.Groups["name"].Value, "is required.");
        }

        return null;
    }

    // "Nullable<DateTimeOffset>" → "a date and time (ISO 8601, with offset)".
    private static string Expected(string type) => UnwrapNullable(type) switch
    {
        "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601, with offset)",
        "DateOnly" => "a date (yyyy-mm-dd)",
        "Guid" => "an id (a GUID)",
        "int" or "Int32" or "long" or "Int64" or "short" or "Int16" => "a whole number",
        "decimal" or "Decimal" or "double" or "Double" => "a number",
        "bool" or "Boolean" => "true or false",
        _ => "a valid value",
    };

    private static string UnwrapNullable(string type) =>
        type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>') ? type[9..^1] : type.TrimEnd('?');

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from ".*"\.$""", RegexOptions.Singleline)]
    private static partial Regex WrongValue();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided from""")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]+" but no body was provided\.|^Required parameter "[^"]+" was not provided from body\.""")]
    private static partial Regex MissingBody();
}
