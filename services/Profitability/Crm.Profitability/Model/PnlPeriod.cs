namespace Crm.Profitability.Model;

/// <summary>The half-open period [<see cref="From"/>, <see cref="To"/>) a P&amp;L covers, in the reporting currency.</summary>
public sealed record PnlPeriod(DateTimeOffset From, DateTimeOffset To, string Currency)
{
    /// <summary>Where "since the beginning" starts: earlier than any business's recorded history.</summary>
    public static DateTimeOffset Beginning { get; } = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
