using System.Net;

namespace SorryEdge.Smtp;

/// <summary>Counts open SMTP connections, globally, per client address and per site, and refuses those over the limits.</summary>
internal sealed class SmtpConnectionLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Dictionary<string, int> _perSite = new(StringComparer.Ordinal);
    private int _total;

    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Takes a slot; null when the global or the per-address limit is reached. Dispose the lease to give it back.</summary>
    public IDisposable? TryAcquire(IPAddress? address, int maxPerAddress, int maxTotal, out bool globalLimit)
    {
        var lease = TryAcquire(address, null, maxPerAddress, int.MaxValue, maxTotal, out var limit);
        globalLimit = limit == "connections";
        return lease;
    }

    /// <summary>
    /// Takes a slot; null when a limit is reached, naming it in <paramref name="limit"/>
    /// (<c>connections</c>, <c>address</c> or <c>site</c>) — one customer's flood cannot take the
    /// slots of all. Dispose the lease to give it back.
    /// </summary>
    public IDisposable? TryAcquire(IPAddress? address, string? siteId, int maxPerAddress, int maxPerSite, int maxTotal, out string? limit)
    {
        // IPv4-mapped IPv6 and plain IPv4 are the same client.
        var key = address is null ? IPAddress.None : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        lock (_gate)
        {
            var count = _perAddress.GetValueOrDefault(key);
            var siteCount = siteId is null ? 0 : _perSite.GetValueOrDefault(siteId);
            limit = _total >= maxTotal ? "connections" : count >= maxPerAddress ? "address" : siteCount >= maxPerSite ? "site" : null;
            if (limit is not null)
            {
                return null;
            }

            _perAddress[key] = count + 1;
            if (siteId is not null)
            {
                _perSite[siteId] = siteCount + 1;
            }

            _total++;
        }

        return new SmtpConnectionLease(() => Release(key, siteId));
    }

    private void Release(IPAddress key, string? siteId)
    {
        lock (_gate)
        {
            _total--;
            if (siteId is not null)
            {
                var site = _perSite[siteId] - 1;
                if (site == 0)
                {
                    _perSite.Remove(siteId);
                }
                else
                {
                    _perSite[siteId] = site;
                }
            }

            var count = _perAddress[key] - 1;
            if (count == 0)
            {
                _perAddress.Remove(key);
            }
            else
            {
                _perAddress[key] = count;
            }
        }
    }
}
