namespace SorryEdge.Health;

/// <summary>
/// One site's destinations as the request path sees them, published by the health tracker on
/// every change and read without a lock: which destinations may take a request (healthy or not
/// yet probed, and not drained by their agent) and what share of their weight they get.
/// A destination it does not list has not been judged yet: available, at full weight.
/// </summary>
internal sealed class SiteAvailability
{
    public static readonly SiteAvailability Unjudged = new([]);

    private readonly Destination[] _destinations;

    public SiteAvailability(IEnumerable<Destination> destinations) => _destinations = [.. destinations];

    public bool IsAvailable(string destination)
    {
        foreach (var d in _destinations)
        {
            if (string.Equals(d.Id, destination, StringComparison.Ordinal))
            {
                return d.Available;
            }
        }

        return true;
    }

    /// <summary>
    /// Cancelled the moment the destination is declared down, for a request waiting on it; one
    /// that cannot be cancelled while the destination has not been judged yet.
    /// </summary>
    public CancellationToken DownToken(string destination)
    {
        foreach (var d in _destinations)
        {
            if (string.Equals(d.Id, destination, StringComparison.Ordinal))
            {
                return d.Down;
            }
        }

        return CancellationToken.None;
    }

    public int WeightPercent(string destination)
    {
        foreach (var d in _destinations)
        {
            if (string.Equals(d.Id, destination, StringComparison.Ordinal))
            {
                return d.WeightPercent;
            }
        }

        return 100;
    }

    /// <param name="Id">The destination id.</param>
    /// <param name="Available">Not declared down by probes or failed requests, and not drained (agent red).</param>
    /// <param name="WeightPercent">100, or less while the agent says orange.</param>
    /// <param name="Down">Cancelled when the destination is declared down.</param>
    public readonly record struct Destination(string Id, bool Available, int WeightPercent, CancellationToken Down);
}
