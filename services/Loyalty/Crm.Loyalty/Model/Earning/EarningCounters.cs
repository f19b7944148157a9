namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// One customer's running counts that rules read and update (purchases and targeted spend per period, points per rule
/// per cap period — see <see cref="CounterKeys"/>), so successive purchases in one batch see each other. Keys that
/// have never been counted read as zero; <see cref="Changed"/> holds what to write back.
/// </summary>
public sealed class EarningCounters
{
    private readonly Dictionary<string, decimal> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _changed = new(StringComparer.Ordinal);

    /// <summary>The keys changed since the counters were loaded, with their new values.</summary>
    public IReadOnlyDictionary<string, decimal> Changed => _changed;

    /// <summary>Every counter, as loaded and moved since (what is written back).</summary>
    public IReadOnlyDictionary<string, decimal> Values => _values;

    /// <summary>Counters as stored for one customer; later duplicates of a key win.</summary>
    public static EarningCounters Load(IEnumerable<KeyValuePair<string, decimal>> stored)
    {
        var counters = new EarningCounters();
        foreach (var (key, value) in stored)
        {
            counters._values[key] = value;
        }

        return counters;
    }

    public decimal Get(string key) => _values.GetValueOrDefault(key);

    /// <summary>The sum of the counters whose keys <paramref name="selects"/> (e.g. every day of a window).</summary>
    public decimal Sum(Func<string, bool> selects) => _values.Where(pair => selects(pair.Key)).Sum(pair => pair.Value);

    public void Add(string key, decimal amount)
    {
        var value = Get(key) + amount;
        _values[key] = value;
        _changed[key] = value;
    }
}
