using System.Globalization;

namespace EdgeAgent.Processes;

/// <summary>Reads /proc/&lt;pid&gt;/status, stat and fd. A process that vanished reads as null.</summary>
internal static class ProcReader
{
    public static ProcessSample? Read(int pid)
    {
        try
        {
            var status = File.ReadAllText($"/proc/{pid}/status");
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fds = CountFds(pid);
            return ParseSample(pid, status, stat, fds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static ProcessSample ParseSample(int pid, string status, string stat, int fds)
    {
        string name = string.Empty;
        long rss = 0;
        var threads = 0;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("Name:", StringComparison.Ordinal))
            {
                name = line[5..].Trim();
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line[8..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return new ProcessSample(pid, name, rss, threads, fds, CpuTicks(stat), StartTicks(stat));
    }

    /// <summary>utime + stime from /proc/pid/stat; the command name may hold spaces, so parse after ')'.</summary>
    public static long CpuTicks(string stat)
    {
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');

        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Field 22 of /proc/pid/stat: when the process started, in ticks after boot.</summary>
    public static long StartTicks(string stat)
    {
        var close = stat.LastIndexOf(')');
        return long.Parse(stat[(close + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
    }

    public static double UptimeSeconds() =>
        double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int CountFds(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
