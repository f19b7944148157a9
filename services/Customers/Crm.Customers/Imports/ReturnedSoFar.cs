using Crm.Customers.Model;

namespace Crm.Customers.Imports;

/// <summary>
/// What the returns of a batch being decided take back of each sale, on top of what the database holds: the returns
/// the batch before accepted (still in flight, so not in the database's sums) and those accepted so far in this one.
/// </summary>
internal sealed class ReturnedSoFar(IReadOnlyDictionary<Guid, decimal>? batchBefore)
{
    private readonly Dictionary<Guid, decimal> _thisBatch = [];

    /// <summary>This batch's accepted returns, by the sale they return, for the batch after it.</summary>
    public IReadOnlyDictionary<Guid, decimal> ThisBatch => _thisBatch;

    /// <summary>The sale with everything returned of it so far.</summary>
    public ReturnableSale Of(ReturnableSale sale) =>
        sale with { Returned = sale.Returned + Taken(batchBefore, sale.Id) + Taken(_thisBatch, sale.Id) };

    public void Add(Guid saleId, decimal revenue) => _thisBatch[saleId] = Taken(_thisBatch, saleId) + revenue;

    private static decimal Taken(IReadOnlyDictionary<Guid, decimal>? returned, Guid saleId) =>
        returned is not null && returned.TryGetValue(saleId, out var amount) ? amount : 0;
}
