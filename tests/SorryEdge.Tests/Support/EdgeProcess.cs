using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace SorryEdge.Tests.Support;

/// <summary>
/// The real edge as a separate process (<c>dotnet SorryEdge.dll</c>, configured through
/// environment variables as demo.sh does), so a test can SIGKILL it and start it again.
/// </summary>
public sealed class EdgeProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public EdgeProcess(string dataDirectory, IDictionary<string, string>? settings = null)
    {
        HttpPort = FreePort.Next();
        AdminPort = FreePort.Next();
        _environment = new Dictionary<string, string>
        {
            ["Edge__DataDirectory"] = dataDirectory,
            ["Edge__Listen__Http"] = $"http://127.0.0.1:{HttpPort}",
            ["Edge__Listen__Admin"] = $"http://127.0.0.1:{AdminPort}",
            ["Edge__Admin__BootstrapToken"] = EdgeTestHost.Token,
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // As deployed (edge.env): the process tests run the production socket setting.
            ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    public int HttpPort { get; }

    public int AdminPort { get; }

    public Uri AdminUri => new($"http://127.0.0.1:{AdminPort}");

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public HttpClient Admin(TimeSpan? timeout = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = AdminUri, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EdgeTestHost.Token);
        return client;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SorryEdge.dll"));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        using var probe = new HttpClient { BaseAddress = AdminUri, Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The edge exited with {process.ExitCode}: {Output}");
            }

            try
            {
                return (await probe.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, ok => ok, TimeSpan.FromSeconds(60), "the edge process to answer /healthz");
    }

    /// <summary>SIGKILL: no shutdown, no flush — what a power cut or the OOM killer does.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public async ValueTask DisposeAsync() => await KillAsync();
}
