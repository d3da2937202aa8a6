using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using EdgeAgent.Tests.Support;

namespace EdgeAgent.Tests.RealPeers;

/// <summary>
/// A real HAProxy polls the agent's agent-check port every 500 ms: the agent's red verdict
/// takes the server DOWN, green brings it back UP, as read from HAProxy's stats socket.
/// </summary>
[Trait("Category", "RealPeer")]
public sealed class HaproxyAgentCheckTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private AgentHost _agent = null!;
    private readonly StringBuilder _haproxyOutput = new();
    private Process? _haproxy;

    private string Socket => _dir.File("haproxy.sock");

    public async Task InitializeAsync()
    {
        _agent = await AgentHost.StartAsync(0);
        // The frontend (HAProxy needs one to start; the tests never use it) listens on a Unix socket in the test's own
        // directory: a TCP port picked free and released before HAProxy binds it could be taken by then.
        var config = $"""
            global
                stats socket {Socket} level admin
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind unix@{_dir.File("frontend.sock")}
                default_backend be
            backend be
                server web1 127.0.0.1:{_agent.BaseAddress.Port} weight 100 check inter 500ms agent-check agent-addr 127.0.0.1 agent-port {_agent.AgentCheck.Port} agent-inter 500ms
            """;
        await File.WriteAllTextAsync(_dir.File("haproxy.cfg"), config + "\n");
        var start = new ProcessStartInfo("haproxy") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-db", "-f", _dir.File("haproxy.cfg") })
        {
            start.ArgumentList.Add(a);
        }

        _haproxy = new Process { StartInfo = start };
        _haproxy.OutputDataReceived += (_, e) => Note(e.Data);
        _haproxy.ErrorDataReceived += (_, e) => Note(e.Data);
        _haproxy.Start();
        _haproxy.BeginOutputReadLine();
        _haproxy.BeginErrorReadLine();
        await Poll.UntilAsync(() => Task.FromResult(File.Exists(Socket) || _haproxy.HasExited), ready => ready,
            TimeSpan.FromSeconds(30), "haproxy stats socket");
        Assert.False(_haproxy.HasExited, $"haproxy exited at start: {_haproxyOutput}");
    }

    [Fact]
    public async Task AgentCheck_VerdictRedThenGreen_ServerDownThenUp()
    {
        await _agent.WaitForStatusAsync("green");
        await WaitForServerStatusAsync(s => s == "UP", "UP at start");

        _agent.SetState(2);
        await _agent.WaitForStatusAsync("red");
        var down = await WaitForServerStatusAsync(s => s.StartsWith("DOWN", StringComparison.Ordinal) || s.StartsWith("DRAIN", StringComparison.Ordinal), "DOWN after red");
        Assert.True(down.StartsWith("DOWN", StringComparison.Ordinal), down);
        Assert.Contains("down", await StatFieldAsync("last_agt"), StringComparison.Ordinal);

        _agent.SetState(0);
        await _agent.WaitForStatusAsync("green");
        await WaitForServerStatusAsync(s => s == "UP", "UP after green");
        var state = await StatsCommandAsync("show servers state be");
        Assert.Contains("web1", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentCheck_VerdictOrange_WeightHalved()
    {
        await WaitForServerStatusAsync(s => s == "UP", "UP at start");
        _agent.SetState(1);
        await _agent.WaitForStatusAsync("orange");
        await Poll.UntilAsync(() => StatFieldAsync("weight"), w => w == "50", TimeSpan.FromSeconds(30), "weight 50");
        Assert.Equal("UP", await StatFieldAsync("status"));
    }

    private Task<string> WaitForServerStatusAsync(Func<string, bool> done, string what) =>
        Poll.UntilAsync(() => StatFieldAsync("status"), done, TimeSpan.FromSeconds(30), $"haproxy server {what}");

    /// <summary>One field of the web1 row of "show stat" (CSV with a "# pxname,svname,..." header).</summary>
    private async Task<string> StatFieldAsync(string field)
    {
        var csv = await StatsCommandAsync("show stat");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var row = lines.Select(l => l.Split(',')).First(f => f.Length > 1 && f[0] == "be" && f[1] == "web1");
        return row[Array.IndexOf(header, field)];
    }

    private async Task<string> StatsCommandAsync(string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"));
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    private void Note(string? line)
    {
        lock (_haproxyOutput)
        {
            _haproxyOutput.AppendLine(line);
        }
    }

    public async Task DisposeAsync()
    {
        if (_haproxy is { HasExited: false })
        {
            _haproxy.Kill();
            await _haproxy.WaitForExitAsync();
        }

        _haproxy?.Dispose();
        await _agent.DisposeAsync();
        _dir.Dispose();
    }
}
