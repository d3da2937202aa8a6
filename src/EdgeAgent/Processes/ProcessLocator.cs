using System.Diagnostics;
using System.Globalization;

namespace EdgeAgent.Processes;

/// <summary>Finds the pids of a service: by pid file, by systemd unit (MainPID) or by process name.</summary>
internal static class ProcessLocator
{
    public static IReadOnlyList<int> FromPidFile(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var text = File.ReadAllText(path).Trim();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0
            && Directory.Exists($"/proc/{pid}")
            ? [pid]
            : [];
    }

    /// <summary>Name as in /proc/pid/comm (15 characters) or the file name of argv[0].</summary>
    public static IReadOnlyList<int> FromName(string name)
    {
        var pids = new List<int>();
        var self = Environment.ProcessId;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == self)
            {
                continue;
            }

            try
            {
                var comm = File.ReadAllText($"{dir}/comm").TrimEnd('\n');
                if (comm == name || ArgvZero(dir) == name)
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked: not a match.
            }
        }

        return pids;
    }

    public static async Task<IReadOnlyList<int>> FromSystemdUnitAsync(string unit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("systemctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "show", "-p", "MainPID", "--value", unit })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("systemctl did not start");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"systemctl show {unit} exited with {process.ExitCode}");
        }

        return int.TryParse(output.Trim(), out var pid) && pid > 0 ? [pid] : [];
    }

    private static string ArgvZero(string dir)
    {
        var cmdline = File.ReadAllText($"{dir}/cmdline");
        var end = cmdline.IndexOf('\0', StringComparison.Ordinal);
        return Path.GetFileName(end >= 0 ? cmdline[..end] : cmdline);
    }
}
