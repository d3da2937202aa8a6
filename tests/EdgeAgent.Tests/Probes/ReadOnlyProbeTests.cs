using System.Diagnostics;
using EdgeAgent.Evaluation;
using EdgeAgent.Probes;
using EdgeAgent.Tests.Support;

namespace EdgeAgent.Tests.Probes;

/// <summary>
/// The write probe against a directory that really cannot be written: a tmpfs mounted
/// read-only (root ignores file modes, so chmod would prove nothing).
/// </summary>
public sealed class ReadOnlyProbeTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _mount;
    private readonly bool _mounted;

    public ReadOnlyProbeTests()
    {
        _mount = Path.Combine(_dir.Path, "ro");
        Directory.CreateDirectory(_mount);
        _mounted = Run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "edgeagent-test", _mount) == 0;
    }

    [Fact]
    public async Task Run_WritableDirectory_OkWithProbeTime()
    {
        var outcome = await new ReadOnlyProbe(_dir.Path, TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Ok, outcome.Status);
        Assert.NotNull(outcome.Value);
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, ".edgeagent-probe-*"));
    }

    [Fact]
    public async Task Run_ReadOnlyMount_Critical()
    {
        Assert.True(_mounted, "mounting a read-only tmpfs failed: this test needs root and mount(8)");
        var outcome = await new ReadOnlyProbe(_mount, TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Critical, outcome.Status);
        Assert.Contains("mounted read-only", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("write probe", outcome.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", _mount);
        }

        _dir.Dispose();
    }

    private static int Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
