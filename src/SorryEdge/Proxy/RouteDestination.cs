namespace SorryEdge.Proxy;

/// <summary>One backend of a site as the forwarder uses it.</summary>
/// <param name="Id">The destination id (<see cref="Sites.DestinationIds"/>), the key of its health state.</param>
/// <param name="Prefix">The backend URL the request path is appended to.</param>
/// <param name="Weight">The configured weight (at least 1).</param>
internal sealed record RouteDestination(string Id, string Prefix, int Weight);
