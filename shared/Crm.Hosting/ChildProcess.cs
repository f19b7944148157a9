using System.Diagnostics;

namespace Crm.Hosting;

/// <summary>
/// A server or service process started under a small shell watchdog. The watchdog forwards stop requests to the
/// program and stops it by itself when the owning process disappears, so an aborted test run or a killed AppHost
/// leaves no orphan behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    // $1 owner pid, $2 stop signal, then the program and its arguments. SIGINT and SIGQUIT are ignored by
    // background jobs of a non-interactive shell, so the stop signal must be one the program installs itself.
    private const string WatchdogScript = """
        owner=$1; stop=$2; shift 2
        "$@" &
        child=$!
        trap 'kill -s $stop $child 2>/dev/null' TERM INT
        orphaned=0
        while kill -0 $child 2>/dev/null; do
          if [ $orphaned = 0 ] && ! kill -0 $owner 2>/dev/null; then orphaned=1; kill -s $stop $child 2>/dev/null; fi
          sleep 1
        done
        wait $child
        """;

    private readonly Process _process;
    private readonly RecentLines _tail = new(200);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    /// <summary>The watchdog's process id; stopping it stops the program.</summary>
    public int Id => _process.Id;

    /// <summary>The program's own process id (the watchdog's child), once it has started.</summary>
    public int? ProgramId
    {
        get
        {
            // The watchdog's children are the program and, now and then, its one-second sleep.
            return ProcessTree.ChildrenOf(_process.Id).FirstOrDefault(pid => !IsSleep(pid)) is var pid and > 0 ? pid : null;
        }
    }

    /// <summary>Completes with the exit code when the process has ended.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>The last lines the process wrote, for error messages.</summary>
    public string RecentOutput => _tail.ToString();

    public static ChildProcess Start(ChildProcessSpec spec)
    {
        // setsid: a session of its own, so a Ctrl+C in the terminal reaches only the owner, which then stops its
        // children in order (services before the database they use) instead of all at once.
        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(WatchdogScript);
        info.ArgumentList.Add("crm-watchdog");
        info.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(spec.StopSignal);
        if (spec.RunAsUser is { } user && NativeMethods.IsRoot)
        {
            foreach (var argument in SwitchUserPrefix(user))
            {
                info.ArgumentList.Add(argument);
            }
        }

        info.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, spec.Output);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, spec.Output);
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Arguments that make root run the rest of the command line as <paramref name="user"/>.</summary>
    public static IEnumerable<string> SwitchUserPrefix(string user) =>
        ["/usr/bin/setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--"];

    /// <summary>Asks the process to stop, and kills its whole tree if it has not stopped within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }

        NativeMethods.Kill(_process.Id, NativeMethods.SIGTERM);
        var finished = await Task.WhenAny(Exited, Task.Delay(grace));
        if (finished != Exited)
        {
            Kill();
            await Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Kills the process and everything it started, at once.</summary>
    public void Kill()
    {
        // The whole tree is listed first and then killed: killing the watchdog first would orphan its children, and
        // Process.Kill(entireProcessTree) stops each process before listing its children, which can leave stopped
        // processes behind when the owner is itself exiting.
        foreach (var pid in ProcessTree.DescendantsOf(_process.Id).Select(process => process.Pid).Prepend(_process.Id))
        {
            NativeMethods.Kill(pid, NativeMethods.SIGKILL);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private static bool IsSleep(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "sleep";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void OnLine(string? line, Action<string>? output)
    {
        if (line is null)
        {
            return;
        }

        _tail.Add(line);
        output?.Invoke(line);
    }

    private void OnExited()
    {
        // Exited can fire before the last output lines are read; WaitForExit drains them.
        _process.WaitForExit();
        _exited.TrySetResult(_process.ExitCode);
    }
}
