namespace Crm.Gateway.Routing;

/// <summary>A service the gateway can reach: its route and one address per replica.</summary>
public sealed record BackendService(ServiceRoute Route, IReadOnlyList<Uri> Addresses)
{
    public string Name => Route.Service;

    public string Area => Route.Area;
}
