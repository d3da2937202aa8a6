namespace EdgeAgent.HostMetrics;

/// <summary>Block and inode usage of one file system, as statvfs(3) reports it.</summary>
internal sealed record FileSystemUsage(ulong Blocks, ulong BlocksFree, ulong BlocksAvailable, ulong BlockSize,
    ulong Files, ulong FilesFree, bool ReadOnlyFlag)
{
    /// <summary>Used percent the way df computes it: used / (used + available to users).</summary>
    public double UsedPercent
    {
        get
        {
            var used = Blocks - BlocksFree;
            var denominator = used + BlocksAvailable;
            return denominator == 0 ? 0 : used * 100.0 / denominator;
        }
    }

    public double InodesUsedPercent => Files == 0 ? 0 : (Files - FilesFree) * 100.0 / Files;
}
