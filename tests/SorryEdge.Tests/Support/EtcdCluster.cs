using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SorryEdge.Tests.Support;

/// <summary>
/// A real 3-member etcd cluster (Debian's <c>etcd</c> from etcd-server) as child processes on
/// 127.0.0.1: free ports, data dirs and logs (<c>m1.log</c>…) in a temp folder that
/// <see cref="DisposeAsync"/> deletes. Members are killed and started by PID for failure
/// tests; they die with the test process even when it crashes (<see cref="TiedProcess"/>).
/// </summary>
public sealed class EtcdCluster : IAsyncDisposable
{
    public const int Size = 3;

    /// <summary>How long a start or restart may take to become healthy (ETCD.md measured up to 4.5 s).</summary>
    public static readonly TimeSpan HealthBudget = TimeSpan.FromSeconds(15);

    private const int StartAttempts = 3;
    private const string FolderPrefix = "sorryedge-etcd-";
    private const string OwnerFile = "owner.pid";

    // Ports come from below Linux's ephemeral range (32768+), so port-0 binds and outgoing
    // connections never take a port of a killed member before it restarts, and clear of the
    // fixed 2379x/2380x ports that scripts/cluster.sh and the packaged etcd use.
    private const int FirstPort = 24000;
    private const int LastPort = 32700;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private static readonly HashSet<int> PortsInUse = [];
    private static readonly ConcurrentDictionary<EtcdCluster, bool> Running = new();

    private readonly Process?[] _members = new Process?[Size];
    private readonly int[] _clientPorts;
    private readonly int[] _peerPorts;
    private readonly string[] _extraArgs;
    private readonly string _token = "sorryedge-test-" + Guid.NewGuid().ToString("N")[..12];
    private int _disposed;

    static EtcdCluster() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var cluster in Running.Keys)
        {
            cluster.KillEverythingNow();
        }
    };

    private EtcdCluster(int[] ports, string[] extraArgs)
    {
        SweepOrphans();
        _clientPorts = ports[..Size];
        _peerPorts = ports[Size..];
        _extraArgs = extraArgs;
        Directory = System.IO.Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        File.WriteAllText(Path.Combine(Directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        ClientUrls = [.. _clientPorts.Select(p => $"http://127.0.0.1:{p}")];
    }

    /// <summary>The temp folder with the data dirs (<c>m1.etcd</c>…) and logs (<c>m1.log</c>…).</summary>
    public string Directory { get; }

    /// <summary>Each member's client URL, member i at index i.</summary>
    public string[] ClientUrls { get; }

    /// <summary>All client URLs as one comma list, as etcd clients and <c>Edge:Cluster:Etcd:Endpoints</c> take them.</summary>
    public string EndpointList => string.Join(',', ClientUrls);

    /// <summary>Whether member i's process is running (started and not killed).</summary>
    public bool IsRunning(int i) => _members[i] is { HasExited: false };

    /// <summary>Member i's PID, or null when it is not running.</summary>
    public int? Pid(int i) => IsRunning(i) ? _members[i]!.Id : null;

    public string LogPath(int i) => Path.Combine(Directory, $"m{i + 1}.log");

    /// <summary>
    /// Starts three members on fresh free ports and waits until all are healthy. Extra etcd
    /// arguments apply to every member (e.g. <c>--auto-compaction-mode=revision</c>,
    /// <c>--auto-compaction-retention=1000</c>). A port taken by another process meanwhile
    /// means a new attempt on other ports.
    /// </summary>
    public static async Task<EtcdCluster> StartAsync(params string[] extraArgs)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cluster = new EtcdCluster(TakePorts(2 * Size), extraArgs);
            Running[cluster] = true;
            try
            {
                await cluster.StartAllAsync();
                return cluster;
            }
            catch (Exception) when (attempt < StartAttempts && cluster.LostAPortRace())
            {
                await cluster.DisposeAsync();
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>SIGKILL to member i by PID; returns once the process is gone.</summary>
    public async Task KillMemberAsync(int i)
    {
        if (_members[i] is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync().WaitAsync(HealthBudget);
        process.Dispose();
        _members[i] = null;
    }

    /// <summary>Starts member i again on its own data dir and ports; returns once it is healthy.</summary>
    public async Task StartMemberAsync(int i)
    {
        await StartProcessAsync(i);
        await WaitMemberHealthyAsync(i, DateTime.UtcNow + HealthBudget);
    }

    public Task KillAllAsync() => Task.WhenAll(Enumerable.Range(0, Size).Select(KillMemberAsync));

    /// <summary>Starts every member that is not running (all of them after <see cref="KillAllAsync"/>); returns once the cluster is healthy.</summary>
    public async Task StartAllAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            if (!IsRunning(i))
            {
                await StartProcessAsync(i);
            }
        }

        await WaitHealthyAsync(HealthBudget);
    }

    /// <summary>Waits until every running member answers <c>/health</c> with <c>{"health":"true"}</c>; throws with the log tail when one has exited or the time is up.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var i = 0; i < Size; i++)
        {
            if (_members[i] is not null)
            {
                await WaitMemberHealthyAsync(i, deadline);
            }
        }
    }

    /// <summary>One look at member i's <c>/health</c>: true only for a 200 with <c>"health":"true"</c>.</summary>
    public async Task<bool> IsHealthyAsync(int i)
    {
        try
        {
            using var response = await Http.GetAsync(ClientUrls[i] + "/health");
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && body.Contains("\"health\":\"true\"", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM to every member, SIGKILL to those still running after a deadline, then the folder is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var stopping = new List<Task>();
        for (var i = 0; i < Size; i++)
        {
            if (_members[i] is { HasExited: false } process)
            {
                _ = Kill(process.Id, SigTerm);
                stopping.Add(StopAsync(i));
            }
        }

        await Task.WhenAll(stopping);
        for (var i = 0; i < Size; i++)
        {
            await KillMemberAsync(i);
        }

        Running.TryRemove(this, out _);
        lock (PortsInUse)
        {
            PortsInUse.ExceptWith(_clientPorts.Concat(_peerPorts));
        }

        DeleteDirectory();
    }

    private async Task StopAsync(int i)
    {
        try
        {
            await _members[i]!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _members[i]!.Kill();
        }
    }

    private async Task StartProcessAsync(int i)
    {
        if (IsRunning(i))
        {
            throw new InvalidOperationException($"etcd member m{i + 1} is already running (PID {_members[i]!.Id}).");
        }

        _members[i]?.Dispose();
        var cluster = string.Join(',', Enumerable.Range(0, Size).Select(m => $"m{m + 1}=http://127.0.0.1:{_peerPorts[m]}"));
        string[] arguments =
        [
            "--name", $"m{i + 1}",
            "--data-dir", Path.Combine(Directory, $"m{i + 1}.etcd"),
            "--listen-client-urls", ClientUrls[i], "--advertise-client-urls", ClientUrls[i],
            "--listen-peer-urls", $"http://127.0.0.1:{_peerPorts[i]}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{_peerPorts[i]}",
            // "new" is ignored once the data dir holds a cluster, so restarts use the same line.
            "--initial-cluster", cluster, "--initial-cluster-token", _token, "--initial-cluster-state", "new",
            "--logger", "zap", "--log-outputs", "stderr",
            .. _extraArgs,
        ];
        _members[i] = await TiedProcess.StartAsync(LogPath(i), "etcd", arguments);
    }

    private async Task WaitMemberHealthyAsync(int i, DateTime deadline)
    {
        while (!await IsHealthyAsync(i))
        {
            if (_members[i] is not { HasExited: false })
            {
                throw new InvalidOperationException($"etcd member m{i + 1} exited before it was healthy. Log tail:\n{LogTail(i)}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"etcd member m{i + 1} ({ClientUrls[i]}) was not healthy in time. Log tail:\n{LogTail(i)}");
            }

            await Task.Delay(50); // wait-ok: the poll interval of a deadline loop
        }
    }

    private bool LostAPortRace() =>
        Enumerable.Range(0, Size).Any(i => File.Exists(LogPath(i)) && ReadShared(LogPath(i)).Contains("address already in use", StringComparison.Ordinal));

    private string LogTail(int i)
    {
        if (!File.Exists(LogPath(i)))
        {
            return "(no log)";
        }

        var text = ReadShared(LogPath(i));
        return text.Length <= 3000 ? text : text[^3000..];
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static int[] TakePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            lock (PortsInUse)
            {
                while (listeners.Count < count)
                {
                    var port = Random.Shared.Next(FirstPort, LastPort);
                    if (PortsInUse.Contains(port))
                    {
                        continue;
                    }

                    var listener = new TcpListener(IPAddress.Loopback, port);
                    try
                    {
                        listener.Start();
                    }
                    catch (SocketException)
                    {
                        continue;
                    }

                    listeners.Add(listener);
                    PortsInUse.Add(port);
                }
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private void KillEverythingNow()
    {
        foreach (var process in _members)
        {
            try
            {
                process?.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        DeleteDirectory();
    }

    private void DeleteDirectory() => TryDelete(Directory);

    /// <summary>A test process that crashed left its folder (370 MB) behind; its members died with it.</summary>
    private static void SweepOrphans()
    {
        foreach (var folder in System.IO.Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) && !System.IO.Directory.Exists($"/proc/{pid}"))
            {
                TryDelete(folder);
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A member killed this instant may still be closing a file; the folder is in /tmp.
        }
        catch (UnauthorizedAccessException)
        {
            // Another user's folder.
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
