using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Crm.Hosting;

/// <summary>Finds TCP ports on the loopback interface that nothing listens on.</summary>
public static class FreePort
{
    // Ports are handed out seconds before a process listens on them. One the kernel picks itself (port 0) comes from its
    // ephemeral range, which every outgoing connection draws from too: once an outgoing connection of the suite took the
    // gateway's port in between, and the gateway could not bind it for the rest of the run. Ports below that range are
    // never given to outgoing connections.
    private const int Lowest = 10_000;
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    public static int Next()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, below);
            if (IsFree(port) && HandedOut.TryAdd(port, true))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {below}.");
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Where the kernel's range for outgoing connections starts (Linux's default: 32768).</summary>
    private static int EphemeralRangeStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var fields = File.Exists(RangeFile) ? File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        return fields.Length > 0 && int.TryParse(fields[0], out var start) && start > Lowest + 1_000 ? start : 32_768;
    }
}
