using System.Globalization;
using System.Net.Sockets;
using EdgeAgent.Evaluation;

namespace EdgeAgent.Probes;

/// <summary>TCP connect; the value is the connect time.</summary>
internal sealed class TcpProbe(string host, int port, TimeProvider time) : ICheckProbe
{
    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
        }
        catch (SocketException e)
        {
            return new ProbeOutcome(CheckStatus.Critical, null, "ms", $"connect to {host}:{port} failed: {e.Message}");
        }

        var ms = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 2);
        return ProbeOutcome.Measured(ms, "ms", string.Create(CultureInfo.InvariantCulture, $"connected to {host}:{port} in {ms:0.0} ms"));
    }
}
