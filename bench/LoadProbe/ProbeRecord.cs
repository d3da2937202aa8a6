namespace LoadProbe;

/// <summary>One request of a rate run: when it was sent (Unix ms), what came back and how long it took.</summary>
internal readonly record struct ProbeRecord(double SentMs, int Status, string Kind, double LatencyMs, string Detail)
{
    public double DoneMs => SentMs + LatencyMs;
}
