namespace Crm.Benchmarks.Gateway;

/// <summary>How hard wrk pushes: the same for every target, so the figures compare.</summary>
public sealed record WrkLoad(int Seconds, int Connections, int Threads)
{
    public override string ToString() => $"{Connections} connections, {Threads} threads, {Seconds} s";
}
