using Crm.Profitability.Model.Lifetime;

namespace Crm.Profitability.Tests.Lifetime;

public sealed class FrequencyHistogramTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(100_000_000)]
    public void Distinct_frequencies_are_counted_and_each_customer_points_at_its_own(int largest)
    {
        var histogram = new FrequencyHistogram([3, 0, largest, 3, 0, 3]);

        Assert.Equal([0, 3, largest], histogram.Values);
        Assert.Equal([2.0, 3, 1], histogram.Counts);
        Assert.Equal([1, 0, 2, 1, 0, 1], histogram.Slot);
    }
}
