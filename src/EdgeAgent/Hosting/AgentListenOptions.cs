namespace EdgeAgent.Hosting;

/// <summary>Where the agent listens (section "Agent:Listen"); loopback unless configured.</summary>
internal sealed class AgentListenOptions
{
    public const string SectionName = "Agent:Listen";

    /// <summary>HTTP address of /health and the board, e.g. http://127.0.0.1:9100.</summary>
    public string Http { get; set; } = "http://127.0.0.1:9100";

    /// <summary>HAProxy agent-check TCP address, e.g. 127.0.0.1:9101.</summary>
    public string AgentCheck { get; set; } = "127.0.0.1:9101";
}
