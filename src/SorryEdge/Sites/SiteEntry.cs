using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace SorryEdge.Sites;

/// <summary>
/// A site compiled for the request path: networks parsed, the bypass cookie value derived and
/// the prepared answers built off the request path and carried over from the previous version
/// of the site (whoever reads them checks they still fit their inputs).
/// </summary>
public sealed class SiteEntry
{
    public SiteEntry(SiteRecord record, SiteEntry? previous = null)
    {
        Record = record;
        _prepared = previous?.Prepared;
        BypassNetworks = record.Site.Bypass.Cidrs.Select(c => IPNetwork.Parse(c)).ToArray();
        BypassCookieValue = record.Site.Bypass.Secret is { } secret
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sorryedge-bypass:" + record.Site.Id + ":" + secret)))
            : null;
        DestinationIds = record.Site.Backends.Select(b => Sites.DestinationIds.For(b.Url)).ToArray();
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

    /// <summary>
    /// Per-site slot for the prepared takeover answer. It may be stale (a page or the site's text
    /// changed since it was built): the takeover responder checks it against its inputs.
    /// </summary>
    public object? Prepared
    {
        get => Volatile.Read(ref _prepared);
        set => Volatile.Write(ref _prepared, value);
    }
}
