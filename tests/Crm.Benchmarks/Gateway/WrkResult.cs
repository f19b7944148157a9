using System.Globalization;
using System.Text.RegularExpressions;

namespace Crm.Benchmarks.Gateway;

/// <summary>What one <c>wrk --latency</c> run reported.</summary>
public sealed partial record WrkResult(
    double RequestsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    long Requests,
    long NonSuccessResponses,
    long SocketErrors,
    string SocketErrorDetail)
{
    /// <summary>Reads wrk's text report; fails with the whole report when a figure is missing.</summary>
    public static WrkResult Parse(string report)
    {
        var socketErrors = SocketErrorsLine().Match(report);
        return new WrkResult(
            RequestsPerSecond: double.Parse(Required(RequestsPerSecondLine(), report), CultureInfo.InvariantCulture),
            P50Milliseconds: Latency(report, "50"),
            P99Milliseconds: Latency(report, "99"),
            Requests: long.Parse(Required(RequestsLine(), report), CultureInfo.InvariantCulture),
            // wrk prints these lines only when there is something to count.
            NonSuccessResponses: NonSuccessLine().Match(report) is { Success: true } nonSuccess
                ? long.Parse(nonSuccess.Groups[1].Value, CultureInfo.InvariantCulture)
                : 0,
            SocketErrors: socketErrors.Success
                ? Enumerable.Range(1, 4).Sum(group => long.Parse(socketErrors.Groups[group].Value, CultureInfo.InvariantCulture))
                : 0,
            SocketErrorDetail: socketErrors.Success ? socketErrors.Value.Trim() : "");
    }

    private static double Latency(string report, string percentile)
    {
        var match = LatencyLine().Matches(report).FirstOrDefault(line => line.Groups["percentile"].Value == percentile)
            ?? throw new FormatException($"wrk's report has no {percentile}% latency line (was --latency given?):{Environment.NewLine}{report}");
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        // wrk's time units: us, ms, s, m, h.
        return match.Groups["unit"].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            "h" => value * 3_600_000,
            var unit => throw new FormatException($"Unknown wrk time unit '{unit}'."),
        };
    }

    private static string Required(Regex pattern, string report) =>
        pattern.Match(report) is { Success: true } match
            ? match.Groups[1].Value
            : throw new FormatException($"wrk's report does not match /{pattern}/:{Environment.NewLine}{report}");

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s*(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^\s*(?<percentile>\d+)%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m|h)\s*$", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
