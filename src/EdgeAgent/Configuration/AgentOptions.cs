namespace EdgeAgent.Configuration;

/// <summary>
/// The agent's configuration (section "Agent"): the host and its checks. The listener (Agent:Listen) and the
/// history bounds (Agent:History) are bound beside the code they configure.
/// </summary>
internal sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>Where the history database lives; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Name reported as "host"; the machine name when empty.</summary>
    public string? HostName { get; set; }

    /// <summary>Percent weight an orange host should get (green is 100, red 0).</summary>
    public int OrangeWeight { get; set; } = 50;

    /// <summary>Agent-check reply when orange: "weight" ("up N%") or "drain".</summary>
    public string OrangeAgentReply { get; set; } = "weight";

    public List<CheckOptions> Checks { get; set; } = [];
}
