using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SorryEdge.Tests.Support;

/// <summary>
/// A small ext4 image on a loop device, mounted as a data directory a test can fill, freeze
/// (<c>fsfreeze</c>) or remount read-only. Needs root; <see cref="SkipReason"/> says why not.
/// Disposing always thaws, unmounts and detaches, even after a failed test.
/// </summary>
public sealed class LoopFilesystem : IAsyncDisposable
{
    private readonly string _root;
    private bool _frozen;

    private LoopFilesystem(string root)
    {
        _root = root;
        Image = Path.Combine(root, "disk.img");
        MountPoint = Path.Combine(root, "mnt");
    }

    public string Image { get; }

    public string MountPoint { get; }

    /// <summary>Null when this machine can run the test; otherwise a clear reason to skip it.</summary>
    public static string? SkipReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "loop-device disk-fault tests need Linux";
        }

        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsRoot())
        {
            return "loop-device disk-fault tests need root (mount, fsfreeze); CI runs them as root";
        }

        return File.Exists("/usr/sbin/fsfreeze") || File.Exists("/sbin/fsfreeze") ? null : "fsfreeze (util-linux) is not installed";
    }

    private static bool IsRoot()
    {
        var status = File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return status?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";
    }

    public static async Task<LoopFilesystem> CreateAsync(int megabytes)
    {
        var fs = new LoopFilesystem(Directory.CreateTempSubdirectory("sorryedge-loop-").FullName);
        Directory.CreateDirectory(fs.MountPoint);
        await RunAsync("truncate", "-s", $"{megabytes}M", fs.Image);
        await RunAsync("mkfs.ext4", "-q", "-F", fs.Image);
        await RunAsync("mount", "-o", "loop", fs.Image, fs.MountPoint);
        return fs;
    }

    public async Task FreezeAsync()
    {
        await RunAsync("fsfreeze", "-f", MountPoint);
        _frozen = true;
    }

    public async Task ThawAsync()
    {
        if (_frozen)
        {
            _frozen = false;
            await RunAsync("fsfreeze", "-u", MountPoint);
        }
    }

    /// <summary>Fills the filesystem until it reports no space left.</summary>
    public async Task FillAsync()
    {
        // dd stops with "No space left on device" (exit 1) — that is the point.
        await RunAsync(allowFailure: true, "dd", "if=/dev/zero", $"of={Path.Combine(MountPoint, "filler")}", "bs=1M", "status=none");
        await RunAsync(allowFailure: true, "sync");
    }

    public async Task RemountReadOnlyAsync()
    {
        // The edge keeps pooled SQLite connections open for writing; release them so the remount is allowed.
        SqliteConnection.ClearAllPools();
        await Poll.UntilAsync(async () => (await TryRunAsync("mount", "-o", "remount,ro", MountPoint)).ExitCode, code => code == 0,
            TimeSpan.FromSeconds(10), "the data filesystem to remount read-only");
    }

    public async ValueTask DisposeAsync()
    {
        await TryRunAsync("fsfreeze", "-u", MountPoint);
        SqliteConnection.ClearAllPools();
        if ((await TryRunAsync("umount", MountPoint)).ExitCode != 0)
        {
            await TryRunAsync("umount", "-l", MountPoint);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A lazily unmounted point may linger for a moment; the temp folder is harmless.
        }
    }

    private static Task RunAsync(string file, params string[] arguments) => RunAsync(false, file, arguments);

    private static async Task RunAsync(bool allowFailure, string file, params string[] arguments)
    {
        var (code, output) = await TryRunAsync(file, arguments);
        if (code != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({code}): {output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> TryRunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
