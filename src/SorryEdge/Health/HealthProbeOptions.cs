namespace SorryEdge.Health;

/// <summary>Limits of the active probe scheduler, section <c>Edge:HealthProbes</c>.</summary>
internal sealed class HealthProbeOptions
{
    public const string SectionName = "Edge:HealthProbes";

    /// <summary>
    /// Probes in flight at once across all sites (HAProxy's <c>max-spread-checks</c> idea). A
    /// probe's timeout starts when it gets a slot, so a burst — ten thousand sites loaded at
    /// start — is queued instead of timing out and marking healthy backends down.
    /// </summary>
    public int MaxConcurrent { get; set; } = 128;
}
