using System.Net;

namespace Crm.Gateway.Routing;

/// <summary>
/// A service the gateway can reach: its route and one address per replica. When <see cref="Http2WithPriorKnowledge"/>
/// is set the addresses are <c>h2c</c> endpoints, which answer HTTP/2 only and must be spoken to in it from the first
/// byte; otherwise the gateway leaves the version to YARP's default (HTTP/1.1 on http, negotiated on https).
/// </summary>
public sealed record BackendService(ServiceRoute Route, IReadOnlyList<Uri> Addresses, bool Http2WithPriorKnowledge = false)
{
    public string Name => Route.Service;

    public string Area => Route.Area;

    /// <summary>Applies the service's HTTP version to a request the gateway makes itself (a document fetch).</summary>
    public HttpRequestMessage Request(HttpMethod method, Uri address) => Http2WithPriorKnowledge
        ? new HttpRequestMessage(method, address) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact }
        : new HttpRequestMessage(method, address);
}
