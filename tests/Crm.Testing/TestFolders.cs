namespace Crm.Testing;

public static class TestFolders
{
    private const string OwnerFile = "owner.pid";

    /// <summary>
    /// A new temporary folder that other local users can traverse: PostgreSQL runs as the postgres user
    /// when the tests run as root, and must reach its data folder inside this one.
    /// </summary>
    public static string Create(string prefix)
    {
        RemoveAbandoned();
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return folder;
    }

    /// <summary>
    /// Deletes the folders of earlier test runs whose process is gone (a run that was killed cannot clean up after
    /// itself; its servers stopped with it, but their data stayed).
    /// </summary>
    private static void RemoveAbandoned()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "crm-*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                TryDelete(folder);
            }
        }
    }

    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
