using System.Globalization;
using System.Net.Sockets;
using System.Text;
using EdgeAgent.Evaluation;

namespace EdgeAgent.Probes;

/// <summary>
/// SMTP banner: connect, read the greeting (RFC 5321 4.2: "220" is ready, "421"/"554" refuse
/// service), say QUIT. The value is the time to the banner.
/// </summary>
internal sealed class SmtpProbe(string host, int port, TimeProvider time) : ICheckProbe
{
    private const int MaxBanner = 2048;

    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var client = new TcpClient();
        string banner;
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            var stream = client.GetStream();
            banner = await ReadReplyAsync(stream, cancellationToken);
            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return new ProbeOutcome(CheckStatus.Critical, null, "ms", $"SMTP {host}:{port} failed: {e.Message}");
        }

        var ms = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 2);
        var status = banner.StartsWith("220", StringComparison.Ordinal) ? CheckStatus.Ok : CheckStatus.Critical;
        return new ProbeOutcome(status, ms, "ms", string.Create(CultureInfo.InvariantCulture, $"banner '{banner}' in {ms:0.0} ms"));
    }

    /// <summary>Reads a possibly multi-line reply ("220-..." continues, "220 ..." ends it).</summary>
    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBanner];
        var length = 0;
        while (length < MaxBanner)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var lines = text.Split("\r\n");
            if (lines.Length > 1 && lines[^2].Length >= 4 && lines[^2][3] == ' ')
            {
                return lines[^2];
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length).Trim();
    }
}
