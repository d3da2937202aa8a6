namespace SorryEdge.Admin;

/// <summary>The sorry-page version a site now serves after an activation or rollback.</summary>
internal sealed record SorryPageActivationView(int Version, bool Active);
