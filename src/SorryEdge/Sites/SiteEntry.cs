using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace SorryEdge.Sites;

/// <summary>
/// A site compiled for the request path: networks parsed and the bypass cookie value derived.
/// Features that keep something per entry (the prepared takeover answer) key it by the entry,
/// so it goes when the entry does.
/// </summary>
internal sealed class SiteEntry
{
    public SiteEntry(SiteRecord record)
    {
        Record = record;
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
}
