using Crm.Profitability.Model;

namespace Crm.Profitability.Apis;

/// <summary>The <c>from</c>/<c>to</c> query of a P&amp;L: from the beginning until now when left out.</summary>
internal static class PeriodQuery
{
    /// <remarks>
    /// Both ends come back in UTC whatever offset the caller wrote (2026-07-01T00:00:00+02:00 is 2026-06-30T22:00:00Z):
    /// PostgreSQL's timestamptz parameters take only UTC, and the period is the same instant either way.
    /// </remarks>
    public static PnlPeriod? Parse(DateTimeOffset? from, DateTimeOffset? to, string currency, TimeProvider clock, ValidationErrors errors)
    {
        var start = (from ?? PnlPeriod.Beginning).ToUniversalTime();
        var end = (to ?? clock.GetUtcNow()).ToUniversalTime();
        if (start < PnlPeriod.Beginning)
        {
            errors.Add("from", $"must be on or after {PnlPeriod.Beginning:yyyy-MM-dd}.");
        }

        if (end <= start)
        {
            errors.Add("to", "must be later than from.");
        }

        return errors.IsEmpty ? new PnlPeriod(start, end, currency) : null;
    }
}
