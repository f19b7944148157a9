namespace Crm.Data;

public static class TimeProviderExtensions
{
    /// <summary>
    /// Now, at PostgreSQL's precision (microseconds), so a time the API returns on create is the same time it
    /// returns on every later read.
    /// </summary>
    public static DateTimeOffset GetStoredUtcNow(this TimeProvider clock) => clock.GetUtcNow().ToStoredPrecision();

    /// <summary>The moment in UTC as PostgreSQL stores it (microseconds), so what is answered equals what is read back.</summary>
    public static DateTimeOffset ToStoredPrecision(this DateTimeOffset moment)
    {
        var utc = moment.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
