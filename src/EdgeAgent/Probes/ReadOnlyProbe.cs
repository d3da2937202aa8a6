using System.Globalization;
using EdgeAgent.Evaluation;
using EdgeAgent.HostMetrics;

namespace EdgeAgent.Probes;

/// <summary>
/// A real write probe: create, write, flush to disk and delete a file. Mount flags alone miss
/// a file system that fails writes (errors=remount-ro happens later, a full or broken device).
/// </summary>
internal sealed class ReadOnlyProbe(string path, TimeProvider time) : ICheckProbe
{
    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var flagged = StatVfs.Read(path).ReadOnlyFlag;
        var file = Path.Combine(path, $".edgeagent-probe-{Guid.NewGuid():N}");
        var started = time.GetTimestamp();
        try
        {
            await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1,
                FileOptions.WriteThrough))
            {
                await stream.WriteAsync("edgeagent write probe\n"u8.ToArray(), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var mount = flagged ? "mounted read-only" : "not flagged read-only";
            return new ProbeOutcome(CheckStatus.Critical, null, "ms", $"write probe in {path} failed ({mount}): {e.Message}");
        }

        var ms = time.GetElapsedTime(started).TotalMilliseconds;
        return ProbeOutcome.Measured(Math.Round(ms, 2), "ms",
            string.Create(CultureInfo.InvariantCulture, $"{path} is writable (probe took {ms:0.0} ms)"));
    }
}
