using System.Diagnostics;
using EdgeAgent.Evaluation;
using EdgeAgent.Nagios;

namespace EdgeAgent.Probes;

/// <summary>
/// A Nagios plugin: exit 0/1/2/3 gives the status, the first line the message and the
/// perfdata the value. A timeout kills the process tree and reads as unknown.
/// </summary>
internal sealed class CommandProbe(string command, IReadOnlyList<string> arguments, string? perfLabel) : ICheckProbe
{
    private const int MaxOutput = 64 * 1024;

    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return ProbeOutcome.Unknown($"{command} could not start: {e.Message}");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = PluginOutput.Parse(Truncate(await stdout));
        var status = CheckStatusExtensions.FromExitCode(process.ExitCode);
        var text = output.Text.Length > 0 ? output.Text : Truncate(await stderr).Trim();
        if (process.ExitCode is < 0 or > 3)
        {
            text = $"exit code {process.ExitCode}: {text}";
        }

        var datum = perfLabel is null ? output.PerfData.FirstOrDefault() : output.PerfData.FirstOrDefault(p => p.Label == perfLabel);
        return new ProbeOutcome(status, datum?.Value, datum?.Unit ?? string.Empty, text)
        {
            PluginWarning = datum?.Warning,
            PluginCritical = datum?.Critical,
        };
    }

    private static string Truncate(string s) => s.Length > MaxOutput ? s[..MaxOutput] : s;
}
