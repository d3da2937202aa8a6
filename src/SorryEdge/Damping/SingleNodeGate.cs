namespace SorryEdge.Damping;

/// <summary>The embedded default: the only node is the publisher.</summary>
internal sealed class SingleNodeGate : IPublicationGate
{
    public bool IsPublisher => true;
}
