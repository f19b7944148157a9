using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Gateway.Tests;

/// <summary>The gateway's own Program on a real Kestrel port, configured the way the AppHost configures it.</summary>
public sealed class GatewayServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    private GatewayServer(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static GatewayServer Start(IReadOnlyDictionary<string, string?> settings)
    {
        var server = new GatewayServer(settings);
        // Not UseKestrel(0): with a port the factory rewrites the server's addresses after the app has started Kestrel
        // on its own thread, and throws when Kestrel binds first (dotnet/aspnetcore#67714). A listen endpoint on port 0
        // is bound by Kestrel alone, which reports the port it got.
        server.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        server.StartServer();
        return server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
    }
}
