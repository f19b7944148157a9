namespace Crm.Gateway.Routing;

/// <summary>
/// The suite's public URL space: which service owns each <c>/api/&lt;area&gt;</c> prefix. Areas are the front ends'
/// words (surveys), services are the owners' names in service discovery (feedback).
/// </summary>
public static class ServiceRoutes
{
    public static IReadOnlyList<ServiceRoute> All { get; } =
    [
        new("customers", "customers"),
        new("segments", "segmentation"),
        new("profitability", "profitability"),
        new("loyalty", "loyalty"),
        new("campaigns", "campaigns"),
        new("surveys", "feedback"),
        new("webhooks", "webhooks"),
    ];
}
