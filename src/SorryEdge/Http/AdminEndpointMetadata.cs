namespace SorryEdge.Http;

/// <summary>Marks an endpoint that answers only on the admin listener.</summary>
internal sealed class AdminEndpointMetadata
{
    public static readonly AdminEndpointMetadata Instance = new();
}
