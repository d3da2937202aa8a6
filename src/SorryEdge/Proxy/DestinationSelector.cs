using SorryEdge.Health;

namespace SorryEdge.Proxy;

/// <summary>
/// Weighted random choice among a site's destinations that may take a request — healthy or not
/// yet probed, not drained — by each backend's configured weight scaled by what its agent allows
/// (an orange host gets less). Unlike YARP's default there is no panic mode that forwards to
/// dead backends: with none left, the edge takes over.
/// </summary>
internal static class DestinationSelector
{
    /// <summary>Whether any destination may take a request.</summary>
    public static bool AnyAvailable(SiteRoute route, SiteAvailability availability)
    {
        foreach (var destination in route.Destinations)
        {
            if (availability.IsAvailable(destination.Id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A destination not yet <paramref name="tried"/> for this request, or null when none is left.</summary>
    /// <param name="roll">A number in [0, 1): the random draw, given so the choice can be tested.</param>
    public static RouteDestination? Pick(SiteRoute route, SiteAvailability availability, IReadOnlyCollection<RouteDestination>? tried, double roll)
    {
        var destinations = route.Destinations;
        if (destinations.Count == 1)
        {
            var only = destinations[0];
            return availability.IsAvailable(only.Id) && (tried is null || !tried.Contains(only)) ? only : null;
        }

        var total = 0L;
        foreach (var destination in destinations)
        {
            total += Weight(destination, availability, tried);
        }

        if (total == 0)
        {
            return null;
        }

        var pick = (long)(roll * total);
        foreach (var destination in destinations)
        {
            pick -= Weight(destination, availability, tried);
            if (pick < 0)
            {
                return destination;
            }
        }

        // Rounding at the very top of the range: the last candidate.
        return destinations.Last(d => Weight(d, availability, tried) > 0);
    }

    private static long Weight(RouteDestination destination, SiteAvailability availability, IReadOnlyCollection<RouteDestination>? tried) =>
        !availability.IsAvailable(destination.Id) || (tried is not null && tried.Contains(destination))
            ? 0
            : Math.Max(1, destination.Weight * availability.WeightPercent(destination.Id) / 100);
}
