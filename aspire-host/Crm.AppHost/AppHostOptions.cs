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

    /// <summary>--help or -h: print the usage and do nothing else.</summary>
    public bool Help { get; init; }

    public const string Usage = """
        usage: Crm.AppHost [--help] [--reset] [--replicas service=N ...] [--gateway-port 8080] [--dashboard-port 18888] [--state-dir .crm]
          --help, -h        print this text and exit
          --reset           delete the broker's and database's data first
          --replicas        run N instances of a service behind the gateway (repeatable), e.g. --replicas customers=2
          --gateway-port    where the gateway listens (default 8080); --dashboard-port likewise (default 18888)
          --state-dir       where broker and database data live (default: .crm in the repository, git-ignored)
        """;

    public static AppHostOptions Parse(string[] args, string repositoryRoot)
    {
        var options = new AppHostOptions { StateDirectory = Path.Combine(repositoryRoot, ".crm") };
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                return new AppHostOptions { Help = true };
            }

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

    /// <summary>
    /// Why the AppHost cannot listen where it was told to (a port used twice or taken by another program), or null.
    /// Checked before anything starts: a taken gateway port would otherwise crash-loop the gateway, a taken dashboard
    /// port abort the AppHost.
    /// </summary>
    public string? PortProblem(Func<int, bool> isFree)
    {
        if (GatewayPort == DashboardPort)
        {
            return $"--gateway-port and --dashboard-port are both {GatewayPort}; give them different ports.";
        }

        foreach (var (option, port) in new[] { ("--gateway-port", GatewayPort), ("--dashboard-port", DashboardPort) })
        {
            if (!isFree(port))
            {
                return $"port {port} is in use by another program (is the suite already running?); stop it, or choose another port with {option}.";
            }
        }

        return null;
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
