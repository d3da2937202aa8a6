using System.Text;
using EdgeAgent.Configuration;
using EdgeAgent.Scheduling;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace EdgeAgent.AgentCheck;

/// <summary>Answers each agent-check connection with the current verdict line, then closes it.</summary>
internal sealed class AgentCheckConnectionHandler(CheckRegistry registry, IOptions<AgentOptions> options) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        // HAProxy may send an "agent-send" string first; the reply does not depend on it.
        var reply = AgentCheckReply.For(registry.Verdict(), options.Value.OrangeAgentReply);
        await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(reply), connection.ConnectionClosed);
        await connection.Transport.Output.CompleteAsync();
    }
}
