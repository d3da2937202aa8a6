namespace SorryEdge.Http;

/// <summary>Connection feature set by each listener, so the admin API never answers on the data plane and vice versa.</summary>
internal sealed record EdgeListenerFeature(ListenerKind Kind);
