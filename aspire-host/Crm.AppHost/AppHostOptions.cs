using System.Globalization;

namespace Crm.AppHost;

/// <summary>Command-line options of the AppHost.</summary>
public sealed record AppHostOptions
{
    public string StateDirectory { get; init; } = "";

    public bool Reset { get; init; }

    public int GatewayPort { get; init; } = 8080;

    public int DashboardPort { get; init; } = 18888;

    public Dictionary<string, int> Replicas { get; init; } = [];

    public const string Usage = """
        usage: Crm.AppHost [--reset] [--replicas service=N ...] [--gateway-port 8080] [--dashboard-port 18888] [--state-dir .crm]
          --reset           delete the broker's and database's data first
          --replicas        run N instances of a service behind the gateway (repeatable), e.g. --replicas customers=2
          --state-dir       where broker and database data live (default: .crm in the repository, git-ignored)
        """;

    public static AppHostOptions Parse(string[] args, string repositoryRoot)
    {
        var options = new AppHostOptions { StateDirectory = Path.Combine(repositoryRoot, ".crm") };
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--reset" => options with { Reset = true },
                "--state-dir" => options with { StateDirectory = Path.GetFullPath(Value()) },
                "--gateway-port" => options with { GatewayPort = Port(Value()) },
                "--dashboard-port" => options with { DashboardPort = Port(Value()) },
                "--replicas" => options.WithReplicas(Value()),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return options;
    }

    private AppHostOptions WithReplicas(string value)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 16)
        {
            throw new ArgumentException($"--replicas takes service=N with N from 1 to 16, not '{value}'.");
        }

        return this with { Replicas = new Dictionary<string, int>(Replicas) { [parts[0]] = count } };
    }

    private static int Port(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"'{value}' is not a TCP port.");
}
