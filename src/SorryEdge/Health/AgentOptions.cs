namespace SorryEdge.Health;

/// <summary>How often the edge asks backends' agents, section <c>Edge:Agents</c>.</summary>
internal sealed class AgentOptions
{
    public const string SectionName = "Edge:Agents";

    public int IntervalMs { get; set; } = 2000;

    public int TimeoutMs { get; set; } = 1000;
}
