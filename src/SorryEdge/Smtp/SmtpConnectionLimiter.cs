using System.Net;

namespace SorryEdge.Smtp;

/// <summary>Counts open SMTP connections, globally and per client address, and refuses those over the limits.</summary>
internal sealed class SmtpConnectionLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
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
        // IPv4-mapped IPv6 and plain IPv4 are the same client.
        var key = address is null ? IPAddress.None : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        lock (_gate)
        {
            globalLimit = _total >= maxTotal;
            var count = _perAddress.GetValueOrDefault(key);
            if (globalLimit || count >= maxPerAddress)
            {
                return null;
            }

            _perAddress[key] = count + 1;
            _total++;
        }

        return new SmtpConnectionLease(() => Release(key));
    }

    private void Release(IPAddress key)
    {
        lock (_gate)
        {
            _total--;
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
