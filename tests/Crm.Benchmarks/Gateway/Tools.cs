using Crm.Hosting;

namespace Crm.Benchmarks.Gateway;

/// <summary>Finds the Debian-packaged load generator and reference proxy, or says how to install them.</summary>
public static class Tools
{
    // /usr/sbin is not on every user's PATH, and nginx lives there.
    private static readonly string[] ExtraFolders = ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"];

    public static (string Wrk, string Nginx) Locate()
    {
        var wrk = Find("wrk");
        var nginx = Find("nginx");
        if (wrk is not null && nginx is not null)
        {
            return (wrk, nginx);
        }

        var missing = string.Join(" and ", new[] { wrk is null ? "wrk" : null, nginx is null ? "nginx" : null }.OfType<string>());
        throw new MissingToolException(
            $"The gateway benchmark needs wrk and nginx; {missing} not found. Install them with: " +
            "apt-get install wrk nginx-light   (sudo apt-get update && sudo apt-get install -y wrk nginx-light when not root)");
    }

    /// <summary>The dotnet host that runs this benchmark, else the one on PATH.</summary>
    public static string DotnetHost() =>
        Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraFolders)
            .Select(folder => System.IO.Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
