using EdgeAgent.Evaluation;
using EdgeAgent.HostMetrics;
using EdgeAgent.Probes;

namespace EdgeAgent.Tests.Probes;

public sealed class HostProbeTests
{
    [Fact]
    public async Task LoadProbe_ProcLoadavg_MatchesFileWithinTolerance()
    {
        var outcome = await new LoadProbe("load15", perCore: false).RunAsync(CancellationToken.None);
        var fromFile = LoadAverage.Parse(await File.ReadAllTextAsync("/proc/loadavg"));
        Assert.Equal(CheckStatus.Ok, outcome.Status);
        Assert.NotNull(outcome.Value);
        Assert.InRange(outcome.Value.Value, fromFile.Load15 - 0.5, fromFile.Load15 + 0.5);
    }

    [Fact]
    public async Task MemoryProbe_ProcMeminfo_AvailablePercentPlausible()
    {
        var outcome = await new MemoryProbe(swap: false).RunAsync(CancellationToken.None);
        Assert.InRange(outcome.Value!.Value, 0.1, 100);
        Assert.Contains("MB available of", outcome.Message, StringComparison.Ordinal);
        var info = MemInfo.Parse(await File.ReadAllTextAsync("/proc/meminfo"));
        Assert.True(info.TotalKb > 0);
    }

    [Fact]
    public async Task SwapProbe_ProcMeminfo_ValueBetweenZeroAndHundred()
    {
        var outcome = await new MemoryProbe(swap: true).RunAsync(CancellationToken.None);
        Assert.InRange(outcome.Value!.Value, 0, 100);
    }

    [Fact]
    public void StatVfs_Root_MatchesDriveInfo()
    {
        var usage = StatVfs.Read("/");
        var drive = new DriveInfo("/");
        Assert.Equal(drive.TotalSize, (long)(usage.Blocks * usage.BlockSize));
        Assert.True(usage.Files > 0);
        Assert.InRange(usage.InodesUsedPercent, 0.000001, 100);
    }

    [Fact]
    public async Task DiskProbe_Root_UsedPercentMatchesDriveInfo()
    {
        var outcome = await new FileSystemProbe("/", inodes: false).RunAsync(CancellationToken.None);
        var drive = new DriveInfo("/");
        var expected = (drive.TotalSize - drive.TotalFreeSpace) * 100.0 / (drive.TotalSize - drive.TotalFreeSpace + drive.AvailableFreeSpace);
        Assert.InRange(outcome.Value!.Value, expected - 1, expected + 1);
        Assert.Equal("%", outcome.Unit);
    }

    [Fact]
    public async Task InodesProbe_Root_ReportsUsage()
    {
        var outcome = await new FileSystemProbe("/", inodes: true).RunAsync(CancellationToken.None);
        Assert.InRange(outcome.Value!.Value, 0.000001, 100);
        Assert.Contains("inodes used", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatVfs_MissingPath_Throws()
    {
        Assert.ThrowsAny<Exception>(() => StatVfs.Read("/no/such/path/edgeagent"));
    }
}
