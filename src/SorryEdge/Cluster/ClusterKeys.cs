using System.Globalization;
using Google.Protobuf;

namespace SorryEdge.Cluster;

/// <summary>
/// The key layout under the cluster prefix. Everything users and staff write, with the audit
/// record of each write, lives here; what a node publishes about itself lives under its lease.
/// </summary>
internal sealed class ClusterKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>sites/&lt;id&gt; → the site document (configuration, latch, write id).</summary>
    public string Site(string id) => Prefix + "sites/" + id;

    public string Sites => Prefix + "sites/";

    /// <summary>hosts/&lt;hostname&gt; → the id of the site that owns it (uniqueness, in the same transaction).</summary>
    public string Host(string hostname) => Prefix + "hosts/" + hostname.ToLowerInvariant();

    public string Customer(string id) => Prefix + "customers/" + id;

    public string Customers => Prefix + "customers/";

    /// <summary>tokens/&lt;id&gt; → the token document (SHA-256 of the secret only).</summary>
    public string Token(string id) => Prefix + "tokens/" + id;

    public string Tokens => Prefix + "tokens/";

    /// <summary>pages/&lt;site&gt;/&lt;version&gt; → page version metadata with its content hash.</summary>
    public string Page(string site, int version) => Prefix + "pages/" + site + "/" + version.ToString("D10", CultureInfo.InvariantCulture);

    public string PagesOf(string site) => Prefix + "pages/" + site + "/";

    public string Pages => Prefix + "pages/";

    /// <summary>active/&lt;site&gt; → the active page version ("" = the default page).</summary>
    public string Active(string site) => Prefix + "active/" + site;

    public string Actives => Prefix + "active/";

    /// <summary>blobs/&lt;site&gt;/&lt;sha256&gt;/&lt;n&gt; → chunks of a page bundle, content-addressed within its site.</summary>
    public string Blob(string site, string sha, int chunk) => BlobChunks(site, sha) + chunk.ToString("D4", CultureInfo.InvariantCulture);

    public string BlobChunks(string site, string sha) => Prefix + "blobs/" + site + "/" + sha + "/";

    public string BlobsOf(string site) => Prefix + "blobs/" + site + "/";

    public string Blobs => Prefix + "blobs/";

    /// <summary>log/&lt;write id&gt; → the event of one write (leased: expires after the audit retention).</summary>
    public string Log(string writeId) => Prefix + "log/" + writeId;

    public string Logs => Prefix + "log/";

    /// <summary>nodes/&lt;name&gt; → a live node's heartbeat (under its lease).</summary>
    public string Node(string name) => Prefix + "nodes/" + name;

    public string Nodes => Prefix + "nodes/";

    /// <summary>votes/&lt;site&gt;/&lt;node&gt; → "down" while that node cannot reach any backend of the site (under its lease).</summary>
    public string Vote(string site, string node) => Prefix + "votes/" + site + "/" + node;

    public string Votes => Prefix + "votes/";

    /// <summary>health/&lt;site&gt; → the cluster's published state of the site ("down" or "up"), written by the overseer.</summary>
    public string Health(string site) => Prefix + "health/" + site;

    public string Healths => Prefix + "health/";

    /// <summary>The overseer's key: the leader's name, under its lease.</summary>
    public string Overseer => Prefix + "overseer";

    public static ByteString Bytes(string text) => ByteString.CopyFromUtf8(text);

    public static ByteString RangeEnd(string prefix) => ByteString.CopyFromUtf8(dotnet_etcd.EtcdClient.GetRangeEnd(prefix));

    /// <summary>The part of <paramref name="key"/> after <paramref name="under"/>, or null when it is not under it.</summary>
    public static string? After(string key, string under) => key.StartsWith(under, StringComparison.Ordinal) ? key[under.Length..] : null;
}
