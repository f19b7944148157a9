using System.Globalization;
using Crm.Hosting;

namespace Crm.AppHost.Runtime;

/// <summary>
/// The AppHost that last used a state folder. Its broker node and database cluster live in that folder under fixed
/// names and ports, so a second AppHost must not start beside it, and one started right after a kill -9 of the first
/// waits while the first one's processes stop (their watchdogs take a few seconds) instead of failing on a node that
/// "is already running".
/// </summary>
public static class PreviousRun
{
    private const string FileName = "apphost.pid";

    /// <summary>Null when nothing of a previous run is left, otherwise why this run cannot start.</summary>
    public static async Task<string?> WaitUntilGoneAsync(string stateDirectory, TimeSpan patience)
    {
        if (Recorded(stateDirectory) is not { } previous)
        {
            return null;
        }

        if (ProcessTree.IsAlive(previous))
        {
            return $"Another AppHost (pid {previous.Pid}) is running with the state folder {stateDirectory}; stop it first, or choose another --state-dir.";
        }

        var deadline = DateTime.UtcNow + patience;
        var leftovers = LeftoversOf(previous);
        if (leftovers.Count > 0)
        {
            ConsoleOutput.Info($"The previous run (AppHost pid {previous.Pid}, ended without stopping) is still stopping its processes; waiting up to {patience.TotalSeconds:F0} s...");
        }

        while (leftovers.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            leftovers = LeftoversOf(previous);
        }

        return leftovers.Count == 0
            ? null
            : $"The previous run's processes are still running after {patience.TotalSeconds:F0} s: {string.Join(", ", leftovers.Select(p => p.Pid))}. " +
              $"Stop them (kill {string.Join(' ', leftovers.Select(p => p.Pid))}) and start again.";
    }

    /// <summary>Records this process as the state folder's AppHost.</summary>
    public static void Record(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var self = ProcessTree.Find(Environment.ProcessId)!;
        File.WriteAllText(Path.Combine(stateDirectory, FileName), string.Create(CultureInfo.InvariantCulture, $"{self.Pid} {self.StartTime}\n"));
    }

    private static ProcessTree.Entry? Recorded(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        var fields = File.Exists(path) ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        return fields.Length == 2
               && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
               && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var startTime)
            ? new ProcessTree.Entry(pid, startTime, "")
            : null;
    }

    /// <summary>The watchdogs the previous AppHost started, with whatever runs below them.</summary>
    private static List<ProcessTree.Entry> LeftoversOf(ProcessTree.Entry previous)
    {
        var marker = $" crm-watchdog {previous.Pid} ";
        return ProcessTree.All()
            .Where(process => process.Command.Contains(marker, StringComparison.Ordinal))
            .SelectMany(watchdog => ProcessTree.DescendantsOf(watchdog.Pid).Prepend(watchdog))
            .Where(ProcessTree.IsAlive)
            .ToList();
    }
}
