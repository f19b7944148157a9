using System.Globalization;

namespace Crm.Loyalty.Model.Partners;

/// <summary>
/// The <c>webhook-timestamp</c> header: unix seconds, signed with the body. A delivery more than
/// <see cref="Tolerance"/> away from our clock either way is refused, so a captured request cannot be replayed later.
/// </summary>
public static class WebhookTimestamp
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static TimestampVerdict Check(string header, DateTimeOffset now, out long seconds)
    {
        if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return TimestampVerdict.Malformed;
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        var tolerance = (long)Tolerance.TotalSeconds;
        return seconds < nowSeconds - tolerance ? TimestampVerdict.TooOld
            : seconds > nowSeconds + tolerance ? TimestampVerdict.TooFarAhead
            : TimestampVerdict.Fresh;
    }
}
