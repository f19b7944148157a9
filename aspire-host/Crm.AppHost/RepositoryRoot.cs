namespace Crm.AppHost;

public static class RepositoryRoot
{
    /// <summary>The folder holding CrmSuite.sln, found upwards from the AppHost's binaries.</summary>
    public static string Find()
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
