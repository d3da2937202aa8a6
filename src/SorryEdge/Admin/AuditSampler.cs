using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;

namespace SorryEdge.Admin;

/// <summary>
/// Counts unauthenticated refusals per client address and lets one row a minute through, which
/// carries how many were not written since the last one — an unauthenticated flood cannot grow
/// the audit table (or wear the disk) by a row per request.
/// </summary>
internal sealed partial class AuditSampler(TimeProvider time, ILogger<AuditSampler> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<IPAddress, Slot> _slots = new();

    /// <summary>The number of refusals not written before this one when a row is due now; null to only count it.</summary>
    public long? Sample(IPAddress client)
    {
        var now = time.GetUtcNow();
        var slot = _slots.GetOrAdd(client, _ => new Slot());
        lock (slot)
        {
            if (slot.WrittenAt is { } at && now - at < Window)
            {
                slot.Suppressed++;
                return null;
            }

            var suppressed = slot.Suppressed;
            slot.WrittenAt = now;
            slot.Suppressed = 0;
            if (_slots.Count > 10000)
            {
                // A spray of addresses must not grow this table without bound.
                foreach (var (key, old) in _slots)
                {
                    if (old.WrittenAt is { } t && now - t >= Window && old.Suppressed == 0)
                    {
                        _slots.TryRemove(key, out _);
                    }
                }
            }

            return suppressed;
        }
    }

    internal void LogFailed(string method, string path, Exception ex) => LogAuditFailed(method, path, ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit row of {Method} {Path} could not be written; the answer was already sent")]
    private partial void LogAuditFailed(string method, string path, Exception ex);

    private sealed class Slot
    {
        public DateTimeOffset? WrittenAt { get; set; }

        public long Suppressed { get; set; }
    }
}
