using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Profitability;
using Crm.Segmentation.Model.Clustering;
using Crm.Testing;

namespace Crm.Segmentation.Tests.Clusterings;

/// <summary>
/// A segmentation service whose only customers are three well-separated value groups, each customer valued by a
/// profitability event, plus a few registered customers not yet valued. Seeded: the same groups every run.
/// </summary>
public sealed class ClusteringPopulation : IAsyncLifetime
{
    public static readonly string[] Features = ["lifetimeValue", "probabilityAlive", "profit"];

    /// <summary>Dormant low-value, loyal high-value and mid-value loss-making customers: far apart against their spread on every feature.</summary>
    public static readonly SimulatedSegment[] Groups =
    [
        new([150, 0.2, 10], [20, 0.03, 3], 1),
        new([900, 0.8, 200], [40, 0.03, 15], 1),
        new([500, 0.5, -60], [30, 0.03, 8], 1),
    ];

    public const int Valued = 240;

    public const int NotValued = 4;

    public SegmentationFixture Service { get; } = new();

    public Guid[] Customers { get; private set; } = [];

    /// <summary>The group each of <see cref="Customers"/> was drawn from.</summary>
    public int[] TrueGroups { get; private set; } = [];

    /// <summary>Each customer's values as the service stores them (money to the cent).</summary>
    public double[][] Values { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Service.InitializeAsync();
        var simulated = SegmentSimulator.Simulate(Features, Groups, Valued, seed: 11);
        Customers = [.. Enumerable.Range(0, Valued).Select(_ => Guid.NewGuid())];
        TrueGroups = simulated.TrueSegments;
        Values = [.. Enumerable.Range(0, Valued).Select(i => new[]
        {
            (double)Math.Round((decimal)simulated.Data[i, 0], 2),
            simulated.Data[i, 1],
            (double)Math.Round((decimal)simulated.Data[i, 2], 2),
        })];
        await Service.PublishAsync(Valuation(Customers, Values));
        await Service.PublishAsync([.. Enumerable.Range(0, NotValued).Select(_ => (IIntegrationEvent)Registered(Guid.NewGuid()))]);
        await Eventually.ReturnsAsync(
            () => Service.ScalarAsync<long>("select count(*) from customer_facts"),
            count => count == Valued + NotValued,
            because: "for every customer to be known");
    }

    public static CustomerValuesUpdated Valuation(IReadOnlyList<Guid> customers, IReadOnlyList<double[]> values) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(),
            [.. customers.Select((customer, i) => new CustomerValueUpdated(
                Guid.NewGuid(), DateTimeOffset.UtcNow, customer, (decimal)values[i][0], values[i][1], 2, (decimal)values[i][2], "EUR", ChurnRiskBands.Low, 12))]);

    private static CustomerRegistered Registered(Guid customer) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, customer, $"C-{customer:N}", "Someone", null, Country: "DE");

    public Task DisposeAsync() => Service.DisposeAsync();
}
