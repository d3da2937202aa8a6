using System.Diagnostics;
using System.Text;

namespace SorryEdge.Tests.Cli;

/// <summary>
/// Runs the built SorryEdge executable as a child process: <c>dotnet SorryEdge.dll …</c> from
/// the test output, where the project reference copies it with its runtimeconfig.
/// </summary>
public static class CliRunner
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "SorryEdge.dll");

    /// <summary>
    /// Runs <paramref name="args"/> with SORRYEDGE_URL and SORRYEDGE_TOKEN set as given; a null
    /// value removes the variable from the child's environment.
    /// </summary>
    public static async Task<CliResult> RunAsync(string? url, string? token, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Set(start, "SORRYEDGE_URL", url);
        Set(start, "SORRYEDGE_TOKEN", token);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"SorryEdge {string.Join(' ', args)} did not exit within 30 s");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (value is null)
        {
            start.Environment.Remove(name);
        }
        else
        {
            start.Environment[name] = value;
        }
    }

    /// <summary>The dotnet host that runs these tests, so the child uses the same runtime.</summary>
    internal static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
