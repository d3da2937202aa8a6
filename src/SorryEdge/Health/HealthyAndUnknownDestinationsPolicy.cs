using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Health;

/// <summary>
/// Healthy and not-yet-probed destinations are used; unhealthy ones never are. Unlike YARP's
/// default <c>HealthyOrPanic</c> there is no panic mode that forwards to dead backends: with
/// none left, the edge takes over. A backend whose agent says red is drained the same way.
/// </summary>
public sealed class HealthyAndUnknownDestinationsPolicy(DestinationHealthTracker tracker) : IAvailableDestinationsPolicy
{
    public const string PolicyName = "SorryEdge.HealthyAndUnknown";

    public string Name => PolicyName;

    public IReadOnlyList<DestinationState> GetAvailalableDestinations(ClusterConfig config, IReadOnlyList<DestinationState> allDestinations)
    {
        var available = new List<DestinationState>(allDestinations.Count);
        foreach (var destination in allDestinations)
        {
            var health = destination.Health;
            if (health.Active != DestinationHealth.Unhealthy && health.Passive != DestinationHealth.Unhealthy
                && !tracker.IsDrained(config.ClusterId, destination.DestinationId))
            {
                available.Add(destination);
            }
        }

        return available;
    }
}
