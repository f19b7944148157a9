using Crm.Contracts.Customers;
using Crm.Segmentation.Data;

namespace Crm.Segmentation.Messaging;

/// <summary>The profile facts segmentation keeps, from the customers service's events.</summary>
internal static class KnownCustomers
{
    public static KnownCustomer From(CustomerRegistered registered) =>
        new(registered.CustomerId, registered.AcquisitionSource, registered.Country, registered.CustomerSince,
            registered.Attributes?.GetRawText());

    /// <summary>The consents granted with the registrations, each as a consent change of that customer.</summary>
    public static IReadOnlyList<ConsentFact> Consents(IEnumerable<CustomerRegistered> registered) =>
        [.. registered.SelectMany(r => (r.Consents ?? []).Select(c => new ConsentFact(r.CustomerId, c.Channel, c.Purpose, true, c.ChangedAt)))
            .DistinctBy(c => (c.CustomerId, c.Channel, c.Purpose))];

    public static KnownCustomer From(CustomerProfileUpdated updated) =>
        new(updated.CustomerId, updated.Profile.AcquisitionSource, updated.Profile.Country, updated.Profile.CustomerSince,
            updated.Profile.Attributes?.GetRawText());
}
