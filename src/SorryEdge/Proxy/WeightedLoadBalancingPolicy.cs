using System.Globalization;
using Microsoft.AspNetCore.Http;
using SorryEdge.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Proxy;

/// <summary>
/// Weighted random choice among the available destinations, by each backend's configured weight
/// scaled by what its agent allows (an orange host gets less).
/// </summary>
public sealed class WeightedLoadBalancingPolicy(DestinationHealthTracker tracker) : ILoadBalancingPolicy
{
    public const string PolicyName = "SorryEdge.Weighted";
    public const string WeightMetadata = "SorryEdge.Weight";

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count == 0)
        {
            return null;
        }

        if (availableDestinations.Count == 1)
        {
            return availableDestinations[0];
        }

        var total = 0;
        for (var i = 0; i < availableDestinations.Count; i++)
        {
            total += Weight(cluster.ClusterId, availableDestinations[i]);
        }

        var pick = Random.Shared.Next(total);
        for (var i = 0; i < availableDestinations.Count; i++)
        {
            pick -= Weight(cluster.ClusterId, availableDestinations[i]);
            if (pick < 0)
            {
                return availableDestinations[i];
            }
        }

        return availableDestinations[^1];
    }

    private int Weight(string site, DestinationState destination)
    {
        var configured = destination.Model?.Config.Metadata?.TryGetValue(WeightMetadata, out var text) == true
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight) && weight > 0
                ? weight
                : 100;
        return Math.Max(1, configured * tracker.WeightPercent(site, destination.DestinationId) / 100);
    }
}
