namespace Crm.Loyalty.Model;

/// <summary>
/// Bounds on the times callers send: nothing before 1970 (as the customers service holds sales to) and, for what has
/// happened, nothing in the future beyond clock skew. Within them, the service's own date arithmetic (a lifetime
/// added, a period subtracted) stays inside the calendar, so a wild date is a 400 naming its field, not an overflow.
/// </summary>
public static class RequestTimes
{
    public static readonly DateTimeOffset Earliest = Moments.Earliest;

    /// <summary>How far ahead of our clock a sender's clock may run.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Adds an error for a time before 1970; false when it did.</summary>
    public static bool CheckNotBefore1970(ValidationErrors errors, string field, DateTimeOffset? value) =>
        value is not { } time || Moments.NotBefore1970(errors, field, time);

    /// <summary>Adds an error for a time of something that happened when it is before 1970 or still to come.</summary>
    public static void CheckHappened(ValidationErrors errors, string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value is { } time)
        {
            Moments.Happened(errors, field, time, now, ClockSkew);
        }
    }
}
