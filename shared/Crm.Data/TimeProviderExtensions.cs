namespace Crm.Data;

public static class TimeProviderExtensions
{
    /// <summary>
    /// Now, at PostgreSQL's precision (microseconds), so a time the API returns on create is the same time it
    /// returns on every later read.
    /// </summary>
    public static DateTimeOffset GetStoredUtcNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
