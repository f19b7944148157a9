using Crm.Testing;

namespace Crm.Benchmarks;

/// <summary>A service of the suite hosted in the benchmark's own process, quiet, with the given settings on top of its environment's.</summary>
public static class InProcessService
{
    public static ServiceHost<TEntryPoint> Start<TEntryPoint>(Dictionary<string, string?> settings)
        where TEntryPoint : class
    {
        settings["Logging:LogLevel:Default"] = "Warning";
        // Outside a test assembly the factory finds the service's content root (services/<Name>/Crm.<Name>) through
        // this variable, named after the assembly.
        var assembly = typeof(TEntryPoint).Assembly.GetName().Name!;
        Environment.SetEnvironmentVariable(
            $"ASPNETCORE_TEST_CONTENTROOT_{assembly.Replace('.', '_').ToUpperInvariant()}",
            Path.Combine(Crm.Hosting.Repository.Root, "services", assembly["Crm.".Length..], assembly));
        return new ServiceHost<TEntryPoint>(settings);
    }
}
