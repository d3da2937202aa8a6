using System.Diagnostics;
using System.Net.Http.Headers;
using SorryEdge.Tests.Cli;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cluster;

/// <summary>The real edge as its own process (<c>dotnet SorryEdge.dll</c>), so a test can SIGKILL it.</summary>
public sealed class EdgeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private EdgeProcess(Process process, string data, int adminPort)
    {
        _process = process;
        _data = data;
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(10) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EdgeTestHost.Token);
    }

    public HttpClient Admin { get; }

    /// <summary>Starts the edge with these settings (<c>Edge:Cluster:Node</c> style keys) and waits until it answers.</summary>
    public static async Task<EdgeProcess> StartAsync(Dictionary<string, string?> settings)
    {
        var data = Directory.CreateTempSubdirectory("sorryedge-proc-").FullName;
        var adminPort = FreePort.Next();
        var start = new ProcessStartInfo(CliRunner.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SorryEdge.dll"));
        var all = new Dictionary<string, string?>(settings)
        {
            ["Edge:DataDirectory"] = data,
            ["Edge:Listen:Http"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Edge:Listen:Admin"] = $"http://127.0.0.1:{adminPort}",
            ["Edge:Admin:BootstrapToken"] = EdgeTestHost.Token,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in all)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var edge = new EdgeProcess(process, data, adminPort);
        await Poll.UntilAsync(async () =>
        {
            try
            {
                return (await edge.Admin.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return !process.HasExited && false;
            }
        }, ok => ok || process.HasExited, TimeSpan.FromSeconds(60), "the edge process to answer");
        Assert.False(process.HasExited, "the edge process exited at start");
        return edge;
    }

    /// <summary>SIGKILL: no shutdown, no lease revoked — a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        Admin.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
