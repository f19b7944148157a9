using Crm.Profitability.Model;

namespace Crm.Profitability.Apis;

/// <summary>The <c>from</c>/<c>to</c> query of a P&amp;L: from the beginning until now when left out.</summary>
internal static class PeriodQuery
{
    public static PnlPeriod? Parse(DateTimeOffset? from, DateTimeOffset? to, string currency, TimeProvider clock, ValidationErrors errors)
    {
        var start = from ?? PnlPeriod.Beginning;
        var end = to ?? clock.GetUtcNow();
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
