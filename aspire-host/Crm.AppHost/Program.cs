using Crm.AppHost;
using Crm.AppHost.Dashboard;
using Crm.AppHost.Runtime;
using Crm.Hosting;

AppHostOptions options;
SuiteGraph graph;
try
{
    options = AppHostOptions.Parse(args, Repository.Root);
    if (options.Help)
    {
        Console.WriteLine(AppHostOptions.Usage);
        return 0;
    }

    graph = new SuiteGraph(options);
    // Fail fast, before anything starts, when a server the suite needs is not installed.
    ToolLocator.RabbitMqServer();
    ToolLocator.PostgresBinDirectory();
}
catch (Exception ex) when (ex is ArgumentException or MissingToolException)
{
    Console.Error.WriteLine(ex.Message);
    if (ex is ArgumentException)
    {
        Console.Error.WriteLine(AppHostOptions.Usage);
    }

    return 2;
}

// A previous run's gateway would hold the gateway port while it stops, so it is waited for first.
var problem = await PreviousRun.WaitUntilGoneAsync(options.StateDirectory, TimeSpan.FromSeconds(30)) ?? options.PortProblem(FreePort.IsFree);
if (problem is not null)
{
    Console.Error.WriteLine(problem);
    return 2;
}

// The AppHost's settings come from its own folder, not from wherever it was started: a service's appsettings.json
// in the working folder would otherwise give the dashboard that service's Kestrel endpoints.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls($"http://127.0.0.1:{options.DashboardPort}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(90));
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(graph);
builder.Services.AddSingleton<Orchestrator>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<Orchestrator>());

var app = builder.Build();
app.MapDashboard();
await app.RunAsync();
return Environment.ExitCode;
