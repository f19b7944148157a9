namespace Crm.ServiceDefaults;

/// <summary>
/// The bounds every service puts on a time a caller says something happened at: nothing before 1970 (the customers
/// service records nothing earlier, and the services' arithmetic on times then stays inside the calendar) and nothing
/// in the future beyond a clock tolerance.
/// </summary>
public static class Moments
{
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Adds an error for a time before 1970; false when it did.</summary>
    public static bool NotBefore1970(ValidationErrors errors, string field, DateTimeOffset value)
    {
        if (value < Earliest)
        {
            errors.Add(field, "must be in 1970 or later.");
            return false;
        }

        return true;
    }

    /// <summary>Adds an error for the time of something that happened when it is still to come or before 1970.</summary>
    public static void Happened(ValidationErrors errors, string field, DateTimeOffset value, DateTimeOffset now, TimeSpan tolerance)
    {
        if (value > now + tolerance)
        {
            errors.Add(field, $"must not be in the future (tolerance {tolerance.TotalMinutes:0} minutes).");
        }
        else
        {
            NotBefore1970(errors, field, value);
        }
    }
}
