using System.Globalization;

namespace Crm.Hosting;

/// <summary>Processes as Linux sees them in /proc: who descends from whom, and whether one is still alive.</summary>
public static class ProcessTree
{
    /// <summary>A process, told apart from a later one reusing its id by its start time.</summary>
    public sealed record Entry(int Pid, long StartTime, string Command);

    /// <summary>Every process below <paramref name="root"/>, children before grandchildren.</summary>
    public static IReadOnlyList<Entry> DescendantsOf(int root)
    {
        var found = new List<Entry>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in ChildrenOf(parent))
            {
                if (Read(child) is { } process)
                {
                    found.Add(process.Entry);
                    frontier.Enqueue(child);
                }
            }
        }

        return found;
    }

    /// <summary>The direct children of a process, from the kernel's per-thread children lists.</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task")
                .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse)
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The process with this id, if there is one.</summary>
    public static Entry? Find(int pid) => Read(pid)?.Entry;

    /// <summary>Every process the system runs.</summary>
    public static IReadOnlyList<Entry> All() =>
        Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? Read(pid)?.Entry : null)
            .OfType<Entry>()
            .ToList();

    public static bool IsAlive(Entry entry) =>
        Read(entry.Pid) is { } current && current.Entry.StartTime == entry.StartTime && !IsZombie(entry.Pid);

    /// <summary>Resident memory of one process in bytes (VmRSS), 0 if it is gone.</summary>
    public static long ResidentBytes(int pid)
    {
        var line = TryRead($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// CPU time one process has used so far, user and system, in clock ticks (Linux fixes user space's at 100 a
    /// second); null if it is gone.
    /// </summary>
    public static long? CpuTicks(int pid) =>
        StatFields(pid) is { } fields
            ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
            : null;

    private static bool IsZombie(int pid) => StatFields(pid) is { } fields && fields[0] == "Z";

    private static (Entry Entry, int Parent)? Read(int pid)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return null;
        }

        var command = File.Exists($"/proc/{pid}/cmdline") ? TryRead($"/proc/{pid}/cmdline")?.Replace('\0', ' ').Trim() ?? "" : "";
        // Fields after the command name: state(0) ppid(1) ... starttime(19).
        return (new Entry(pid, long.Parse(fields[19], CultureInfo.InvariantCulture), command), int.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private static string[]? StatFields(int pid)
    {
        var stat = TryRead($"/proc/{pid}/stat");
        // The command name is in parentheses and may contain spaces; the fixed fields follow the last ')'.
        return stat is null ? null : stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
