using System.Net;

namespace SorryEdge.Smtp;

/// <summary>
/// Rate-limits the "connections refused" log to once per client address per minute: a flood of
/// thousands of connections is one line with a count, not thousands of lines.
/// </summary>
internal sealed class SmtpLimitLog(TimeProvider time)
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, (DateTimeOffset Logged, long Suppressed)> _clients = [];

    /// <summary>Counts a refusal; the number of refusals to report when one is due now, else null.</summary>
    public long? Refused(IPAddress client)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_clients.TryGetValue(client, out var entry) && now - entry.Logged < Period)
            {
                _clients[client] = (entry.Logged, entry.Suppressed + 1);
                return null;
            }

            if (_clients.Count > 10_000)
            {
                // Forget clients quiet for a period, so a spoofed-source flood cannot grow this without bound.
                foreach (var stale in _clients.Where(c => now - c.Value.Logged >= Period).Select(c => c.Key).ToList())
                {
                    _clients.Remove(stale);
                }
            }

            _clients[client] = (now, 0);
            return (entry.Suppressed) + 1;
        }
    }
}
