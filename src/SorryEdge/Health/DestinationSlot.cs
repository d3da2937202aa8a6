namespace SorryEdge.Health;

/// <summary>One destination's rise/fall state in the health tracker; guarded by the tracker's lock.</summary>
internal sealed class DestinationSlot(RiseFallCounter counter, DateTimeOffset since)
{
    public RiseFallCounter Counter { get; set; } = counter;

    public DateTimeOffset Since { get; set; } = since;

    public ProbeResult? Last { get; set; }

    /// <summary>Cancelled (and replaced) when the destination is declared down: requests waiting on it are answered.</summary>
    public CancellationTokenSource Down { get; set; } = new();
}
