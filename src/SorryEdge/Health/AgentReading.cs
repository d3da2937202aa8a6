namespace SorryEdge.Health;

/// <summary>The last answer of a backend's agent.</summary>
/// <param name="Verdict">Green, orange or red; unknown when the agent could not be asked.</param>
/// <param name="WeightPercent">The share of the backend's weight the agent allows (100 green, less when orange).</param>
/// <param name="At">When it was read.</param>
/// <param name="Detail">The agent's reasons, or why it could not be read.</param>
internal sealed record AgentReading(AgentVerdict Verdict, int WeightPercent, DateTimeOffset At, string Detail);
