using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Profitability;

namespace Crm.Segmentation.Tests.Recompute;

/// <summary>The events that make a population of customers known to segmentation, as the other services publish them.</summary>
internal static class Population
{
    public static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public static CustomersRegistered Registered(IEnumerable<(Guid Id, string Country)> customers) =>
        new(Guid.NewGuid(), Now, Guid.NewGuid(),
            [.. customers.Select(c => new CustomerRegistered(Guid.NewGuid(), Now, c.Id, $"C-{c.Id:N}", "Someone", null, Country: c.Country, AcquisitionSource: "search"))]);

    public static CustomerValuesUpdated Values(IEnumerable<(Guid Id, decimal LifetimeValue)> values) =>
        new(Guid.NewGuid(), Now, Guid.NewGuid(),
            [.. values.Select(v => new CustomerValueUpdated(Guid.NewGuid(), Now, v.Id, v.LifetimeValue, 0.8, 2, 10m, "EUR", ChurnRiskBands.Low, 12))]);

    public static ConsentChanged Consent(Guid customerId, string channelAndPurpose, bool granted)
    {
        var parts = channelAndPurpose.Split(':');
        return new ConsentChanged(Guid.NewGuid(), Now, customerId, parts[0], parts[1], granted, "consent", "test", Now);
    }

    /// <summary>A country code no other test uses, so a test's segments hold only its own customers.</summary>
    public static string NewCountry() => $"Z{Guid.NewGuid():N}"[..8];

    public static Guid[] EventIds(IEnumerable<IIntegrationEvent> events) => [.. events.Select(e => e.EventId)];
}
