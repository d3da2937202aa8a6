using System.Globalization;
using EdgeAgent.Evaluation;
using EdgeAgent.HostMetrics;

namespace EdgeAgent.Probes;

/// <summary>Disk or inode usage (percent used) of the file system holding a path, via statvfs.</summary>
internal sealed class FileSystemProbe(string path, bool inodes) : ICheckProbe
{
    public Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var usage = StatVfs.Read(path);
        if (inodes)
        {
            return Task.FromResult(ProbeOutcome.Measured(Math.Round(usage.InodesUsedPercent, 2), "%",
                string.Create(CultureInfo.InvariantCulture, $"{usage.Files - usage.FilesFree} of {usage.Files} inodes used on {path}")));
        }

        var totalGb = usage.Blocks * usage.BlockSize / 1e9;
        var freeGb = usage.BlocksAvailable * usage.BlockSize / 1e9;
        return Task.FromResult(ProbeOutcome.Measured(Math.Round(usage.UsedPercent, 2), "%",
            string.Create(CultureInfo.InvariantCulture, $"{freeGb:0.0} GB free of {totalGb:0.0} GB on {path}")));
    }
}
