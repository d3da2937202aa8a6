namespace SorryEdge.Demo;

/// <summary>Whether the demo backend runs, as the demo API answers after a stop or start.</summary>
internal sealed record DemoBackendView(bool Running);
