using System.Globalization;

namespace Crm.Benchmarks;

/// <summary>
/// Where the machine's CPU time went between two readings of <c>/proc/stat</c>: busy, idle, and stolen by the
/// hypervisor for other guests. On a shared 2-vCPU VM a few seconds of steal is enough to move a p99 by tens of
/// milliseconds, so latency figures are printed with it.
/// </summary>
public sealed class MachineTime
{
    private readonly long[] _start = Read();

    /// <summary>Percentages of all CPUs' time since this reading began.</summary>
    public string Since()
    {
        var now = Read();
        var delta = now.Zip(_start, (after, before) => after - before).ToArray();
        double total = delta.Sum();
        if (total <= 0)
        {
            return "machine time: not available";
        }

        // Columns of the "cpu" line: user nice system idle iowait irq softirq steal guest guest_nice.
        var idle = delta[3] + delta[4];
        var steal = delta.Length > 7 ? delta[7] : 0;
        return $"machine: busy {100 * (total - idle - steal) / total:F0} %, idle {100 * idle / total:F0} %, stolen by the hypervisor {100 * steal / total:F0} %";
    }

    private static long[] Read()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            return [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture))];
        }
        catch (IOException)
        {
            return new long[8];
        }
    }
}
