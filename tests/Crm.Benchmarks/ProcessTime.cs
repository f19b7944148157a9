using System.Diagnostics;
using Crm.Hosting;

namespace Crm.Benchmarks;

/// <summary>
/// Where the CPU went between two readings, per program of the benchmark's own process tree: the suite's services,
/// PostgreSQL, RabbitMQ, the AppHost and the load generator itself. The suite shares two cores, so a latency figure
/// says little without who else was busy. A program's processes are summed (PostgreSQL runs one per connection).
/// </summary>
public sealed class ProcessTime
{
    private const double TicksPerSecond = 100;

    private readonly Dictionary<(int Pid, long StartTime), Reading> _start = Read();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Each program's CPU since this reading began, in % of one core, busiest first.</summary>
    public string Since()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        // A process started since the first reading spent all its ticks in between; one that has ended is not counted.
        var programs = Read()
            .GroupBy(process => process.Value.Program)
            .Select(group => (Name: group.Key, Percent: group.Sum(process => process.Value.Ticks - (_start.TryGetValue(process.Key, out var before) ? before.Ticks : 0)) / TicksPerSecond / seconds * 100))
            .Where(program => program.Percent >= 0.5)
            .OrderByDescending(program => program.Percent)
            .ToList();
        return programs.Count == 0
            ? "CPU by program: not available"
            : "CPU by program, % of a core: " + string.Join(", ", programs.Select(program => $"{program.Name} {program.Percent:F0}"));
    }

    private static Dictionary<(int Pid, long StartTime), Reading> Read()
    {
        var self = Environment.ProcessId;
        var readings = new Dictionary<(int, long), Reading>();
        if (ProcessTree.CpuTicks(self) is { } own)
        {
            readings[(self, 0)] = new Reading(own, "load generator");
        }

        foreach (var process in ProcessTree.DescendantsOf(self))
        {
            if (ProcessTree.CpuTicks(process.Pid) is { } ticks)
            {
                readings[(process.Pid, process.StartTime)] = new Reading(ticks, ProgramOf(process.Command));
            }
        }

        return readings;
    }

    private static string ProgramOf(string command)
    {
        var words = command.Split(' ');
        // A service runs as "dotnet Crm.X.dll" or as its own Crm.X executable.
        var crm = words.Select(Path.GetFileName).FirstOrDefault(name => name!.StartsWith("Crm.", StringComparison.Ordinal));
        if (crm is not null)
        {
            return Path.GetFileNameWithoutExtension(crm)["Crm.".Length..].ToLowerInvariant();
        }

        var executable = Path.GetFileName(words[0]);
        return executable switch
        {
            // A PostgreSQL backend renames itself "postgres: user database client state".
            _ when executable.StartsWith("postgres", StringComparison.Ordinal) => "postgres",
            "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost" => "rabbitmq",
            "" => "other",
            _ => executable,
        };
    }

    private readonly record struct Reading(long Ticks, string Program);
}
