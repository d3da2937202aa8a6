using System.Diagnostics;
using EdgeAgent.Configuration;
using EdgeAgent.Evaluation;
using EdgeAgent.Probes;
using EdgeAgent.Tests.Support;

namespace EdgeAgent.Tests.Probes;

/// <summary>A process started by the test (a copy of sleep under a unique name), found for real.</summary>
public sealed class ProcessProbeTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Process _process;
    private readonly string _name = $"eas{Random.Shared.Next(100000, 999999)}";

    public ProcessProbeTests()
    {
        var binary = _dir.File(_name);
        File.Copy("/bin/sleep", binary);
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        _process = Process.Start(new ProcessStartInfo(binary, "60") { UseShellExecute = false })!;
        File.WriteAllText(_dir.File("service.pid"), _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private Task<ProbeOutcome> RunAsync(CheckOptions options) =>
        new ProcessProbe(options, TimeProvider.System).RunAsync(CancellationToken.None);

    [Fact]
    public async Task Run_ByName_FindsProcessWithRss()
    {
        var outcome = await RunAsync(new CheckOptions { Kind = "process", ProcessName = _name, Metric = "rss" });
        Assert.Equal(CheckStatus.Ok, outcome.Status);
        Assert.Equal("MB", outcome.Unit);
        Assert.InRange(outcome.Value!.Value, 0.01, 100);
        Assert.Contains($"pid {_process.Id}", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ByPidFile_CountsOneThread()
    {
        var outcome = await RunAsync(new CheckOptions { Kind = "process", PidFile = _dir.File("service.pid"), Metric = "threads" });
        Assert.Equal(1, outcome.Value);
    }

    [Fact]
    public async Task Run_Fds_CountsOpenDescriptors()
    {
        var outcome = await RunAsync(new CheckOptions { Kind = "process", ProcessName = _name, Metric = "fds" });
        Assert.InRange(outcome.Value!.Value, 1, 64);
    }

    [Fact]
    public async Task Run_Cpu_IdleSleepNearZero()
    {
        // Process.Start returns once sleep is exec'd, before it has loaded and settled into its sleep; on a loaded machine
        // that start-up CPU can fall between the two samples below (a few ms apart). Measure once it is asleep.
        await Poll.UntilAsync(() => Task.FromResult(State(_process.Id)), s => s == 'S', TimeSpan.FromSeconds(30), "sleep settled");
        var probe = new ProcessProbe(new CheckOptions { Kind = "process", ProcessName = _name, Metric = "cpu" }, TimeProvider.System);
        await probe.RunAsync(CancellationToken.None);
        var second = await probe.RunAsync(CancellationToken.None);
        Assert.InRange(second.Value!.Value, 0, 5);
    }

    [Fact]
    public async Task Run_ProcessKilled_CriticalNoProcess()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        var outcome = await RunAsync(new CheckOptions { Kind = "process", ProcessName = _name, Metric = "count" });
        Assert.Equal(CheckStatus.Critical, outcome.Status);
        Assert.Equal(0, outcome.Value);
        var byPid = await RunAsync(new CheckOptions { Kind = "process", PidFile = _dir.File("service.pid") });
        Assert.Equal(CheckStatus.Critical, byPid.Status);
    }

    /// <summary>The state letter of /proc/PID/stat (R running, S sleeping, D disk wait, Z zombie ...).</summary>
    private static char State(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _dir.Dispose();
    }
}
