using EdgeAgent.Evaluation;
using EdgeAgent.Probes;
using EdgeAgent.Tests.Support;

namespace EdgeAgent.Tests.Probes;

/// <summary>Nagios-convention scripts written by the test, run for real.</summary>
public sealed class CommandProbeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Plugin(string body)
    {
        var path = _dir.File($"check_{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Theory]
    [InlineData(0, "Ok")]
    [InlineData(1, "Warning")]
    [InlineData(2, "Critical")]
    [InlineData(3, "Unknown")]
    [InlineData(7, "Unknown")]
    public async Task Run_ExitCode_MapsToStatusWithPerfdata(int exit, string expected)
    {
        var plugin = Plugin($"echo \"REPL - lag {exit * 10}s | lag={exit * 10}s;10;20;0 conns=5\"\necho 'detail line'\nexit {exit}");
        var outcome = await new CommandProbe(plugin, [], null).RunAsync(CancellationToken.None);
        Assert.Equal(Enum.Parse<CheckStatus>(expected), outcome.Status);
        Assert.Equal(exit * 10, outcome.Value);
        Assert.Equal("s", outcome.Unit);
        Assert.Equal("10", outcome.PluginWarning);
        Assert.Contains($"REPL - lag {exit * 10}s", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PerfLabel_PicksThatValue()
    {
        var plugin = Plugin("echo 'QUEUE OK | active=3 deferred=42;100;500'\nexit 0");
        var outcome = await new CommandProbe(plugin, [], "deferred").RunAsync(CancellationToken.None);
        Assert.Equal(42, outcome.Value);
    }

    [Fact]
    public async Task Run_Arguments_PassedUnchanged()
    {
        var plugin = Plugin("echo \"ARGS $1/$2 | n=$#\"\nexit 0");
        var outcome = await new CommandProbe(plugin, ["a b", "c"], null).RunAsync(CancellationToken.None);
        Assert.Equal("ARGS a b/c", outcome.Message);
        Assert.Equal(2, outcome.Value);
    }

    [Fact]
    public async Task Run_Hangs_CancelledAndKilled()
    {
        var marker = _dir.File("child.pid");
        var plugin = Plugin($"sleep 30 &\necho $! > {marker}\nwait");
        using var cts = new CancellationTokenSource();
        var run = new CommandProbe(plugin, [], null).RunAsync(cts.Token);
        // Cancel once the child exists (on a loaded machine the script may not have started within a fixed delay).
        await Poll.UntilAsync(() => Task.FromResult(File.Exists(marker) && File.ReadAllText(marker).Trim().Length > 0), written => written, TimeSpan.FromSeconds(30), "child started");
        Assert.False(run.IsCompleted, "the hanging plugin finished on its own");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var pid = int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Poll.UntilAsync(() => Task.FromResult(IsRunning(pid)), running => !running, TimeSpan.FromSeconds(30), "child killed");
    }

    [Fact]
    public async Task Run_MissingCommand_Unknown()
    {
        var outcome = await new CommandProbe(_dir.File("no-such-plugin"), [], null).RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Unknown, outcome.Status);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            // A zombie still has a /proc entry; only a live process counts.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => _dir.Dispose();
}
