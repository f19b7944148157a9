using System.Globalization;

namespace Crm.Benchmarks;

/// <summary>Benchmark options given as <c>--name value</c> pairs.</summary>
public sealed class Options(IReadOnlyDictionary<string, string> values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
            }
            else if (name is not null)
            {
                values[name] = arg;
                name = null;
            }
        }

        return new Options(values);
    }

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
}
