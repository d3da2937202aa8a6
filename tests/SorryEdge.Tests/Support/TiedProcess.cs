using System.Collections.Concurrent;
using System.Diagnostics;

namespace SorryEdge.Tests.Support;

/// <summary>
/// Starts a child process that dies with the test process, even when the test process is
/// killed and no cleanup code runs: the child gets SIGKILL as its parent-death signal
/// (<c>setpriv --pdeathsig KILL</c>). The kernel sends that signal when the creating
/// <em>thread</em> ends, so every start goes through one dedicated thread that lives as long
/// as the process. The child execs in place (sh → setpriv → program), so its PID is the
/// program's own; stdout and stderr are appended to a log file.
/// </summary>
public static class TiedProcess
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = [];

    private static readonly Thread Spawner = StartSpawner();

    public static Task<Process> StartAsync(string logPath, string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec \"$@\" >>\"$0\" 2>&1 </dev/null", logPath, "setpriv", "--pdeathsig", "KILL", "--", program })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        GC.KeepAlive(Spawner);
        Requests.Add((info, started));
        return started.Task;
    }

    private static Thread StartSpawner()
    {
        var thread = new Thread(() =>
        {
            foreach (var (info, started) in Requests.GetConsumingEnumerable())
            {
                try
                {
                    started.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"{info.ArgumentList[7]} did not start."));
                }
                catch (Exception e)
                {
                    started.SetException(e);
                }
            }
        })
        { IsBackground = true, Name = "TiedProcess spawner" };
        thread.Start();
        return thread;
    }
}
