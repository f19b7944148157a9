using Crm.AppHost.Model;

namespace Crm.AppHost.Runtime;

/// <summary>
/// Every replica address of every project endpoint, handed to the projects that reference it as
/// <c>services__&lt;project&gt;__&lt;endpoint&gt;__&lt;i&gt;</c>, replicas in order.
/// </summary>
public sealed class ServiceDiscovery
{
    private readonly Dictionary<(ProjectResource Project, string Endpoint), List<string>> _addresses = [];

    public void Add(ProjectResource project, ProjectEndpoint endpoint, string address)
    {
        if (!_addresses.TryGetValue((project, endpoint.Name), out var replicas))
        {
            _addresses[(project, endpoint.Name)] = replicas = [];
        }

        replicas.Add(address);
    }

    /// <summary>The variables a project referencing <paramref name="service"/> receives.</summary>
    public IEnumerable<KeyValuePair<string, string>> VariablesFor(ProjectResource service) =>
        service.Endpoints.SelectMany(endpoint => _addresses[(service, endpoint.Name)].Select((address, replica) =>
            KeyValuePair.Create($"services__{service.Name}__{endpoint.Name}__{replica.ToString(System.Globalization.CultureInfo.InvariantCulture)}", address)));
}
