using System.Diagnostics;

namespace Crm.Hosting;

/// <summary>
/// A server or service process started under a small shell watchdog. The watchdog forwards stop requests to the
/// program and stops it by itself when the owning process disappears, so an aborted test run or a killed AppHost
/// leaves no orphan behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    // $1 owner pid, $2 stop signal, $3 seconds to wait before stopping the program once the owner is gone, $4 seconds
    // from a stop request to SIGKILL, then the program and its arguments. The program runs in a session (and process
    // group) of its own, so everything it starts can be signalled at once without signalling the watchdog: RabbitMQ's
    // wrapper script, killed alone, would leave the Erlang VM running. SIGINT and SIGQUIT are ignored by background
    // jobs of a non-interactive shell, so the stop signal must be one the program installs itself.
    private const string WatchdogScript = """
        owner=$1; stop=$2; delay=$3; deadline=$4; shift 4
        setsid "$@" &
        child=$!
        # Whether anything of the program's is left; zombies do not count (in a container, pid 1 may never reap them).
        left() {
          if command -v ps >/dev/null; then ps -o stat= --sid $child | grep -qv '^Z'; else kill -0 -$child 2>/dev/null; fi
        }
        trap 'kill -s $stop $child 2>/dev/null' TERM INT
        gone=0
        while kill -0 $child 2>/dev/null; do
          if ! kill -0 $owner 2>/dev/null; then
            gone=$((gone + 1))
            [ $gone = $((delay + 1)) ] && kill -s $stop $child 2>/dev/null
            [ $gone -gt $((delay + deadline)) ] && kill -KILL -$child 2>/dev/null
          fi
          sleep 1
        done
        wait $child
        code=$?
        if left; then
          kill -TERM -$child 2>/dev/null
          waited=0
          while [ $waited -lt $deadline ] && left; do sleep 1; waited=$((waited + 1)); done
          kill -KILL -$child 2>/dev/null
        fi
        exit $code
        """;

    private readonly Process _process;
    private readonly RecentLines _tail = new(200);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TimeSpan _killAfter;
    private int? _programGroup;

    private ChildProcess(Process process, TimeSpan killAfter)
    {
        _process = process;
        _killAfter = killAfter;
    }

    /// <summary>The watchdog's process id; stopping it stops the program.</summary>
    public int Id => _process.Id;

    /// <summary>
    /// The program's own process id once it has started: the watchdog's child or, when that is a shell script
    /// running one program (RabbitMQ's rabbitmq-server wrapper), that program (the Erlang VM), which is what people
    /// look for. Killing either ends the resource: the watchdog then stops whatever is left of the program.
    /// </summary>
    public int? ProgramId
    {
        get
        {
            if (ProgramGroup() is not { } pid)
            {
                return null;
            }

            while (IsShell(pid) && ProcessTree.ChildrenOf(pid) is [var only])
            {
                pid = only;
            }

            return pid;
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
        info.ArgumentList.Add(Seconds(spec.StopDelayWhenOwnerGone));
        info.ArgumentList.Add(Seconds(spec.KillAfter));
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
        var child = new ChildProcess(process, spec.KillAfter);
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

        ProgramGroup();
        NativeMethods.Kill(_process.Id, NativeMethods.SIGTERM);
        // The watchdog itself stops what the program leaves behind, for up to its kill deadline.
        var finished = await Task.WhenAny(Exited, Task.Delay(grace + _killAfter));
        if (finished != Exited)
        {
            Kill();
            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(10)));
        }
    }

    /// <summary>Kills the process and everything it started, at once.</summary>
    public void Kill()
    {
        ProgramGroup();
        // The whole tree is listed first and then killed: killing the watchdog first would orphan its children, and
        // Process.Kill(entireProcessTree) stops each process before listing its children, which can leave stopped
        // processes behind when the owner is itself exiting.
        foreach (var pid in ProcessTree.DescendantsOf(_process.Id).Select(process => process.Pid).Prepend(_process.Id))
        {
            NativeMethods.Kill(pid, NativeMethods.SIGKILL);
        }

        KillProgramGroup();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private static string Seconds(TimeSpan span) =>
        ((int)Math.Ceiling(span.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The watchdog's child, which leads the program's process group; remembered, as the watchdog may go first.</summary>
    private int? ProgramGroup()
    {
        if (_programGroup is null && !HasExited)
        {
            // The watchdog's children are the program and, now and then, its one-second sleep.
            var pid = ProcessTree.ChildrenOf(_process.Id).FirstOrDefault(pid => !IsSleep(pid));
            _programGroup = pid > 0 ? pid : null;
        }

        return _programGroup;
    }

    private void KillProgramGroup()
    {
        if (_programGroup is { } group)
        {
            NativeMethods.Kill(-group, NativeMethods.SIGKILL);
        }
    }

    private static bool IsSleep(int pid) => Comm(pid) == "sleep";

    private static bool IsShell(int pid)
    {
        try
        {
            return Path.GetFileName(File.ResolveLinkTarget($"/proc/{pid}/exe", returnFinalTarget: false)?.FullName) is "sh" or "dash" or "bash";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
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
        // The watchdog stops everything of the program's before it exits; if it was killed instead, whatever is left
        // is an orphan holding the output pipes. Then the output is drained for a moment only: Exited can fire before
        // the last lines are read, and an unbounded WaitForExit would wait as long as any orphan kept the pipes open.
        KillProgramGroup();
        _process.WaitForExit(TimeSpan.FromSeconds(5));
        _exited.TrySetResult(_process.ExitCode);
    }
}
