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

    /// <summary>The HTTP version to ask for on every request to the service; null leaves the default.</summary>
    public Version? RequestVersion => Http2WithPriorKnowledge ? HttpVersion.Version20 : null;

    /// <summary>Exact for h2c, which answers nothing else; null leaves the default.</summary>
    public HttpVersionPolicy? RequestVersionPolicy => Http2WithPriorKnowledge ? HttpVersionPolicy.RequestVersionExact : null;

    /// <summary>A request the gateway makes itself (a document fetch), in the service's HTTP version.</summary>
    public HttpRequestMessage Request(HttpMethod method, Uri address)
    {
        var request = new HttpRequestMessage(method, address);
        request.Version = RequestVersion ?? request.Version;
        request.VersionPolicy = RequestVersionPolicy ?? request.VersionPolicy;
        return request;
    }
}
