namespace Crm.Hosting;

/// <summary>Where the suite's sources and built programs are, for the AppHost, tests and benchmarks that run them.</summary>
public static class Repository
{
#if DEBUG
    /// <summary>The build configuration of this build; one solution build makes every project in the same one.</summary>
    public const string Configuration = "Debug";
#else
    /// <summary>The build configuration of this build; one solution build makes every project in the same one.</summary>
    public const string Configuration = "Release";
#endif

    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The folder holding CrmSuite.sln, found upwards from the running program's binaries.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>
    /// The built assembly of the project in <paramref name="projectDirectory"/> (relative to the root, e.g.
    /// gateway/Crm.Gateway), or an error that says to build first.
    /// </summary>
    public static string ProjectAssembly(string projectDirectory)
    {
        var assembly = Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", Path.GetFileName(projectDirectory) + ".dll");
        return File.Exists(assembly)
            ? assembly
            : throw new FileNotFoundException($"{assembly} is missing: build the solution first (dotnet build CrmSuite.sln -c {Configuration}).");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmSuite.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CrmSuite.sln was not found above " + AppContext.BaseDirectory);
    }
}
