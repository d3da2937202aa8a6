using System.Globalization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Proxy;

/// <summary>Weighted random choice among the available destinations, by each backend's configured weight.</summary>
public sealed class WeightedLoadBalancingPolicy : ILoadBalancingPolicy
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
            total += Weight(availableDestinations[i]);
        }

        var pick = Random.Shared.Next(total);
        for (var i = 0; i < availableDestinations.Count; i++)
        {
            pick -= Weight(availableDestinations[i]);
            if (pick < 0)
            {
                return availableDestinations[i];
            }
        }

        return availableDestinations[^1];
    }

    private static int Weight(DestinationState destination) =>
        destination.Model?.Config.Metadata?.TryGetValue(WeightMetadata, out var text) == true
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight) && weight > 0
            ? weight
            : 100;
}
