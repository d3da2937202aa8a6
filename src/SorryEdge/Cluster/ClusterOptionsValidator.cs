using System.Net;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;

namespace SorryEdge.Cluster;

/// <summary>Stops the edge at start, naming the key, when cluster mode is configured wrongly.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        for (var i = 0; i < options.Etcd.Endpoints.Length; i++)
        {
            if (!Uri.TryCreate(options.Etcd.Endpoints[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                failures.Add($"Edge:Cluster:Etcd:Endpoints:{i} must be an etcd client URL such as http://127.0.0.1:2379.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Node) || !IsName(options.Node))
        {
            failures.Add("Edge:Cluster:Node must name this node (letters, digits, '-', '_', '.') when Edge:Cluster:Etcd:Endpoints is set.");
        }

        if (options.Nodes.Length == 0)
        {
            failures.Add("Edge:Cluster:Nodes must list every node's name in overseer priority order.");
        }
        else if (options.Nodes.Distinct(StringComparer.Ordinal).Count() != options.Nodes.Length || options.Nodes.Any(n => !IsName(n)))
        {
            failures.Add("Edge:Cluster:Nodes must be distinct node names.");
        }
        else if (options.Node is not null && !options.Nodes.Contains(options.Node, StringComparer.Ordinal))
        {
            failures.Add($"Edge:Cluster:Nodes must contain this node's name (Edge:Cluster:Node = '{options.Node}').");
        }

        if (options.OverseerStabilityMs is < 0 or > 3_600_000)
        {
            failures.Add("Edge:Cluster:OverseerStabilityMs must be 0–3600000.");
        }

        if (options.SourceAddress is not null && !IPAddress.TryParse(options.SourceAddress, out _))
        {
            failures.Add("Edge:Cluster:SourceAddress must be an IP address of this host.");
        }

        if (!options.Prefix.StartsWith('/') || !options.Prefix.EndsWith('/'))
        {
            failures.Add("Edge:Cluster:Prefix must start and end with '/'.");
        }

        if (options.LeaseTtlSeconds is < 2 or > 60)
        {
            failures.Add("Edge:Cluster:LeaseTtlSeconds must be 2–60.");
        }

        if (options.CallTimeoutMs is < 100 or > 60_000)
        {
            failures.Add("Edge:Cluster:CallTimeoutMs must be 100–60000.");
        }

        if (options.AuditRetentionHours is < 1 or > 24 * 365)
        {
            failures.Add("Edge:Cluster:AuditRetentionHours must be 1–8760.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
