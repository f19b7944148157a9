using System.Diagnostics;

namespace Crm.Hosting;

/// <summary>Runs short set-up commands (initdb, chown) to completion.</summary>
internal static class Commands
{
    public static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ExecuteAsync(fileName, arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' failed with exit code {exitCode}:{Environment.NewLine}{output}");
        }
    }

    public static async Task<int> TryRunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        (await ExecuteAsync(fileName, arguments, cancellationToken)).ExitCode;

    private static async Task<(int ExitCode, string Output)> ExecuteAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
