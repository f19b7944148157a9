using Crm.Contracts.Customers;
using Crm.Segmentation.Data;

namespace Crm.Segmentation.Messaging;

/// <summary>The profile facts segmentation keeps, from the customers service's events.</summary>
internal static class KnownCustomers
{
    public static KnownCustomer From(CustomerRegistered registered) =>
        new(registered.CustomerId, registered.AcquisitionSource, registered.Country, registered.CustomerSince, null);

    public static KnownCustomer From(CustomerProfileUpdated updated) =>
        new(updated.CustomerId, updated.Profile.AcquisitionSource, updated.Profile.Country, updated.Profile.CustomerSince,
            updated.Profile.Attributes?.GetRawText());
}
