using EdgeAgent.AgentCheck;
using EdgeAgent.Evaluation;

namespace EdgeAgent.Tests.Evaluation;

public sealed class AgentCheckReplyTests
{
    [Theory]
    [InlineData("Green", 100, "weight", "up 100%\n")]
    [InlineData("Orange", 50, "weight", "up 50%\n")]
    [InlineData("Orange", 50, "drain", "drain\n")]
    [InlineData("Red", 0, "weight", "down\n")]
    public void For_Verdict_HaproxyAgentLine(string color, int weight, string orangeReply, string expected)
    {
        Assert.Equal(expected, AgentCheckReply.For(new Verdict(Enum.Parse<VerdictColor>(color), weight, []), orangeReply));
    }
}
