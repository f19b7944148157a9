using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Crm.AppHost.Model;

/// <summary>
/// One address a project listens on, found the way Aspire finds it. A project whose <c>appsettings.json</c> declares
/// <c>Kestrel:Endpoints</c> gets one endpoint per declared http binding, each bound through
/// <c>Kestrel__Endpoints__&lt;key&gt;__Url</c> (Kestrel ignores <c>ASPNETCORE_URLS</c> once it has endpoints of its
/// own); a project that declares none gets a single <c>http</c> endpoint through <c>ASPNETCORE_URLS</c>.
/// </summary>
/// <param name="Name">The name in service discovery (<c>services__&lt;project&gt;__&lt;name&gt;__&lt;i&gt;</c>): the scheme
/// when the project has one endpoint of that scheme, otherwise the Kestrel key, as Aspire names them.</param>
/// <param name="KestrelKey">The key under <c>Kestrel:Endpoints</c>, or null for the <c>ASPNETCORE_URLS</c> endpoint.</param>
/// <param name="Http2">The endpoint speaks HTTP/2 only (Aspire's "http2" transport), so it cannot answer HTTP/1.1
/// health probes or browsers.</param>
public sealed record ProjectEndpoint(string Name, string? KestrelKey, bool Http2)
{
    private static readonly ProjectEndpoint Default = new("http", null, false);

    public static IReadOnlyList<ProjectEndpoint> Read(string projectFolder)
    {
        var kestrel = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(projectFolder, "appsettings.json"), optional: true)
            .Build()
            .GetSection("Kestrel");
        var bindings = kestrel.GetSection("Endpoints").GetChildren()
            .Where(binding => binding["Url"] is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (bindings.Count == 0)
        {
            return [Default];
        }

        var defaultProtocols = kestrel["EndpointDefaults:Protocols"];
        return bindings
            .Select(binding => new ProjectEndpoint(
                bindings.Count == 1 ? "http" : binding.Key,
                binding.Key,
                (binding["Protocols"] ?? defaultProtocols) == nameof(HttpProtocols.Http2)))
            // Configuration sorts keys (h2c before http); those a browser can open come first on the dashboard.
            .OrderBy(endpoint => endpoint.Http2)
            .ToList();
    }
}
