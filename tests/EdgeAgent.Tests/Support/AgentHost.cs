using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace EdgeAgent.Tests.Support;

/// <summary>
/// The agent started in-process on 127.0.0.1 port 0 with one "forced" command check: a
/// Nagios-convention shell script that exits with the number the test writes to a state
/// file (0 ok, 1 warning, 2 critical, 3 unknown). The real command path decides the verdict.
/// </summary>
public sealed class AgentHost : IAsyncDisposable
{
    private const string Script =
        "s=$(cat \"$0\" 2>/dev/null || echo 3); " +
        "case $s in 0) t=OK;; 1) t=WARNING;; 2) t=CRITICAL;; *) t=UNKNOWN;; esac; " +
        "echo \"FORCED $t - state $s | state=$s;1;2;0;3\"; exit $s";

    private readonly TempDirectory _dir = new();
    private WebApplication? _app;

    public string StateFile => _dir.File("state");

    public Uri BaseAddress { get; private set; } = null!;

    public IPEndPoint AgentCheck { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public static async Task<AgentHost> StartAsync(int initialState = 0, params string[] extraArgs)
    {
        var host = new AgentHost();
        host.SetState(initialState);
        string[] args =
        [
            "--Agent:Listen:Http=http://127.0.0.1:0",
            "--Agent:Listen:AgentCheck=127.0.0.1:0",
            $"--Agent:DataDirectory={host._dir.File("data")}",
            "--Agent:HostName=test-host",
            "--Agent:Checks:0:Name=forced",
            "--Agent:Checks:0:Kind=command",
            "--Agent:Checks:0:Command=/bin/sh",
            "--Agent:Checks:0:Arguments:0=-c",
            $"--Agent:Checks:0:Arguments:1={Script}",
            $"--Agent:Checks:0:Arguments:2={host.StateFile}",
            "--Agent:Checks:0:Interval=00:00:00.2",
            "--Agent:Checks:0:MaxAttempts=1",
            "--Serilog:MinimumLevel:Default=Warning",
            .. extraArgs,
        ];
        try
        {
            host._app = AgentApp.Build(args);
            await host._app.StartAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        host.BaseAddress = AgentApp.GetHttpAddress(host._app);
        host.AgentCheck = AgentApp.GetAgentCheckEndPoint(host._app);
        host.Http.BaseAddress = host.BaseAddress;
        return host;
    }

    /// <summary>
    /// Replaces the state file in one rename: the check runs every 200 ms, and a run reading it between the truncate and
    /// the write of a plain overwrite got an empty state, on which the script exits 0 (a passing run between two others).
    /// </summary>
    public void SetState(int state)
    {
        var next = StateFile + ".next";
        File.WriteAllText(next, state.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(next, StateFile, overwrite: true);
    }

    public async Task<(int Code, JsonElement Body)> HealthAsync()
    {
        using var response = await Http.GetAsync("/health");
        var json = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(json).RootElement.Clone());
    }

    public Task<JsonElement> WaitForStatusAsync(string status) =>
        Poll.UntilAsync(async () => (await HealthAsync()).Body, b => b.GetProperty("status").GetString() == status,
            TimeSpan.FromSeconds(30), $"verdict {status}");

    public async Task<string> AgentCheckReplyAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(AgentCheck);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            try
            {
                await _app.StopAsync();
            }
            catch (InvalidOperationException)
            {
                // The host never started (a refused configuration): nothing to stop.
            }

            await _app.DisposeAsync();
        }

        Http.Dispose();
        _dir.Dispose();
    }
}
