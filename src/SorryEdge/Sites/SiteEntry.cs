using System.Net;
using System.Security.Cryptography;
using System.Text;
using SorryEdge.Data;
using SorryEdge.Health;

namespace SorryEdge.Sites;

/// <summary>
/// A site compiled for the request path: networks parsed, the bypass cookie value derived and
/// the prepared answers built once, on first use, for this version of the site.
/// </summary>
public sealed class SiteEntry
{
    public SiteEntry(SiteRecord record)
    {
        Record = record;
        BypassNetworks = record.Site.Bypass.Cidrs.Select(c => IPNetwork.Parse(c)).ToArray();
        BypassCookieValue = record.Site.Bypass.Secret is { } secret
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sorryedge-bypass:" + record.Site.Id + ":" + secret)))
            : null;
        DestinationIds = record.Site.Backends.Select(b => Health.DestinationIds.For(b.Url)).ToArray();
        ExpectedStatus = StatusRange.TryParse(record.Site.Health.ExpectedStatus) ?? new StatusRange(200, 399);
    }

    public SiteRecord Record { get; }

    public Site Site => Record.Site;

    public string Id => Record.Site.Id;

    public IReadOnlyList<IPNetwork> BypassNetworks { get; }

    /// <summary>What the bypass cookie must carry; derived from the secret so the secret itself never sits in a browser.</summary>
    public string? BypassCookieValue { get; }

    public StatusRange ExpectedStatus { get; }

    /// <summary>YARP destination ids of the backends, in configuration order.</summary>
    public IReadOnlyList<string> DestinationIds { get; }

    private object? _prepared;
    private int _pageGeneration;

    /// <summary>Per-site cache slot the takeover responders fill on first use.</summary>
    public object? Prepared => Volatile.Read(ref _prepared);

    /// <summary>Stores a prepared answer unless the page changed while it was being built.</summary>
    public void SetPrepared(object prepared, int generation)
    {
        lock (this)
        {
            if (_pageGeneration == generation)
            {
                _prepared = prepared;
            }
        }
    }

    public int PageGeneration => Volatile.Read(ref _pageGeneration);

    /// <summary>The active page changed: drop what was prepared and refuse builds that began before.</summary>
    public void InvalidatePrepared()
    {
        lock (this)
        {
            _pageGeneration++;
            _prepared = null;
        }
    }
}
