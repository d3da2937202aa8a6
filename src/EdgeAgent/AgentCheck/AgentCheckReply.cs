using EdgeAgent.Evaluation;

namespace EdgeAgent.AgentCheck;

/// <summary>
/// The HAProxy agent-check reply (HAProxy configuration manual, "agent-check"): one ASCII
/// line of words — a state ("up", "drain", "down") and/or a weight ("75%") — ended by '\n'.
/// </summary>
internal static class AgentCheckReply
{
    public static string For(Verdict verdict, string orangeReply) => verdict.Color switch
    {
        VerdictColor.Green => "up 100%\n",
        VerdictColor.Orange when orangeReply == "drain" => "drain\n",
        VerdictColor.Orange => $"up {verdict.Weight}%\n",
        _ => "down\n",
    };
}
