using Crm.Data;

namespace Crm.Customers.Tests.Imports;

/// <summary>An import's transaction ids: valid version 7 uuids of the batch's time, in the order they were handed out.</summary>
public sealed class AscendingIdsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void Ids_ascend_in_the_order_postgresql_compares_uuids()
    {
        var source = new AscendingIds(Now);
        var ids = Enumerable.Range(0, 10_000).Select(_ => source.Next()).ToList();

        // PostgreSQL compares uuids byte by byte, which is the order of their text.
        var texts = ids.Select(id => id.ToString()).ToList();
        Assert.Equal(texts.Order(StringComparer.Ordinal), texts);
        Assert.Equal(ids.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Ids_are_version_7_uuids_carrying_the_batch_time()
    {
        var source = new AscendingIds(Now);
        var millisecondsHex = Now.ToUnixTimeMilliseconds().ToString("x12");
        for (var i = 0; i < 1_000; i++)
        {
            var id = source.Next();
            Assert.Equal(7, id.Version);
            Assert.Equal(0b10, id.Variant >> 2);
            Assert.StartsWith($"{millisecondsHex[..8]}-{millisecondsHex[8..]}", id.ToString());
        }
    }

    [Fact]
    public void Two_batches_of_the_same_millisecond_share_no_id()
    {
        var first = new AscendingIds(Now);
        var second = new AscendingIds(Now);
        var ids = Enumerable.Range(0, 1_000).SelectMany(_ => new[] { first.Next(), second.Next() }).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
