using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EdgeAgent.Hosting;

/// <summary>The Kestrel endpoints the agent bound; after start they carry the real ports (port 0 in tests).</summary>
internal sealed class ListenEndpoints
{
    public ListenOptions? Http { get; set; }

    public ListenOptions? AgentCheck { get; set; }

    public IPEndPoint HttpEndPoint => Http?.IPEndPoint ?? throw new InvalidOperationException("the agent has not started");

    public IPEndPoint AgentCheckEndPoint => AgentCheck?.IPEndPoint ?? throw new InvalidOperationException("the agent has not started");
}
