using Crm.AppHost.Model;

namespace Crm.AppHost.Runtime;

/// <summary>The loopback port of each endpoint of one replica.</summary>
public sealed record InstanceAddresses(ProjectEndpoint PrimaryEndpoint, IReadOnlyDictionary<ProjectEndpoint, int> Ports)
{
    /// <summary>Where the replica answers HTTP/1.1: its health probe and its link on the dashboard.</summary>
    public Uri Primary => new(Url(PrimaryEndpoint));

    /// <summary>The endpoint's address, as injected and announced (no trailing slash).</summary>
    public string Url(ProjectEndpoint endpoint) => $"http://127.0.0.1:{Ports[endpoint]}";
}
