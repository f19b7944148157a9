using System.Globalization;

namespace Crm.DemoData;

/// <summary>The command line: <c>[--customers N] [--seed S] [--end-date yyyy-MM-dd] [--out DIR] [--gateway URL] [--api-key KEY] [--generate-only]</c>.</summary>
/// <param name="EndDateGiven">False when the history ends yesterday by default, so a load on a later day would make
/// different files under the same ids.</param>
public sealed record DemoDataOptions(DemoDataSettings Settings, string? OutputFolder, Uri Gateway, string? ApiKey, bool GenerateOnly, bool EndDateGiven)
{
    public const string Usage = """
        Generates a deterministic demo customer base and loads it through the gateway's import API.

          --customers N         customers to generate (default 50000)
          --seed S              random seed; the same seed and end date give byte-identical files (default 42)
          --end-date DATE       last day of the three-year history, yyyy-MM-dd (default yesterday, UTC; without it,
                                nothing is loaded if the demo customers are there already)
          --out DIR             folder for the CSV files (default a temporary folder, deleted after the upload)
          --gateway URL         gateway base address (default http://localhost:8080)
          --api-key KEY         sent as X-Api-Key (for a gateway that rate-limits per key)
          --generate-only       write the files and stop
        """;

    public static DemoDataOptions Parse(IReadOnlyList<string> args)
    {
        var settings = new DemoDataSettings();
        string? output = null, apiKey = null;
        var gateway = new Uri("http://localhost:8080");
        var generateOnly = false;
        var endDateGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--customers":
                    settings = settings with { Customers = Positive(Value(), "--customers") };
                    break;
                case "--seed":
                    settings = settings with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) };
                    break;
                case "--end-date":
                    settings = settings with { EndDate = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture) };
                    endDateGiven = true;
                    break;
                case "--out":
                    output = Value();
                    break;
                case "--gateway":
                    gateway = new Uri(Value().TrimEnd('/') + "/", UriKind.Absolute);
                    break;
                case "--api-key":
                    apiKey = Value();
                    break;
                case "--generate-only":
                    generateOnly = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (settings.EndDate >= DateOnly.FromDateTime(DateTime.UtcNow))
        {
            throw new ArgumentException("--end-date must be before today: the service rejects transactions in the future.");
        }

        return new DemoDataOptions(settings, output, gateway, apiKey, generateOnly, endDateGiven);
    }

    private static int Positive(string value, string option) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{option} must be a positive whole number.");
}
