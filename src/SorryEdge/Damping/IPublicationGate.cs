namespace SorryEdge.Damping;

/// <summary>
/// Whether this node publishes site state (status site, notifications). One node alone always does; in cluster mode
/// only the elected overseer should, so the cluster registers its own gate in place of <see cref="SingleNodeGate"/>.
/// </summary>
internal interface IPublicationGate
{
    bool IsPublisher { get; }
}
