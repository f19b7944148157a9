namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// The distinct frequencies of a customer base, how many customers have each, and each customer's slot: the terms
/// that depend on x alone (log-gammas, digammas) are then computed once per distinct x rather than once per customer.
/// </summary>
internal sealed class FrequencyHistogram
{
    public FrequencyHistogram(int[] frequency)
    {
        var max = frequency.Length == 0 ? 0 : frequency.Max();
        Slot = new int[frequency.Length];
        if (max <= 4 * frequency.Length + 1024)
        {
            var counts = new int[max + 1];
            foreach (var x in frequency)
            {
                counts[x]++;
            }

            var slotOfValue = new int[max + 1];
            var values = new List<int>();
            for (var x = 0; x <= max; x++)
            {
                if (counts[x] > 0)
                {
                    slotOfValue[x] = values.Count;
                    values.Add(x);
                }
            }

            Values = [.. values];
            Counts = [.. values.Select(x => (double)counts[x])];
            for (var i = 0; i < frequency.Length; i++)
            {
                Slot[i] = slotOfValue[frequency[i]];
            }
        }
        else
        {
            // A few customers with enormous frequencies: a table indexed by x would be mostly empty.
            Values = [.. frequency.Distinct().Order()];
            var slotOfValue = new Dictionary<int, int>(Values.Length);
            for (var s = 0; s < Values.Length; s++)
            {
                slotOfValue[Values[s]] = s;
            }

            Counts = new double[Values.Length];
            for (var i = 0; i < frequency.Length; i++)
            {
                Slot[i] = slotOfValue[frequency[i]];
                Counts[Slot[i]]++;
            }
        }
    }

    /// <summary>The distinct frequencies, ascending.</summary>
    public int[] Values { get; }

    /// <summary>Customers per distinct frequency.</summary>
    public double[] Counts { get; }

    /// <summary>Per customer, the index of its frequency in <see cref="Values"/>.</summary>
    public int[] Slot { get; }
}
