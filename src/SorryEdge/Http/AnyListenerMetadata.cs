namespace SorryEdge.Http;

/// <summary>Marks an endpoint that answers on every listener (health checks).</summary>
public sealed class AnyListenerMetadata
{
    public static readonly AnyListenerMetadata Instance = new();
}
