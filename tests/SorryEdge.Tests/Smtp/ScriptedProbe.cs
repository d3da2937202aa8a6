using System.Collections.Concurrent;
using SorryEdge.Sites;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

/// <summary>A probe whose answers the test sets; counts the probes made.</summary>
internal sealed class ScriptedProbe : ISmtpBackendProbe
{
    private int _count;

    public volatile bool Healthy = true;

    public int Count => Volatile.Read(ref _count);

    public ConcurrentQueue<SmtpHostPort> Targets { get; } = new();

    public Task<bool> ProbeAsync(SmtpHostPort backend, ProxyProtocolVersion? proxyProtocol, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Targets.Enqueue(backend);
        var healthy = Healthy;
        Interlocked.Increment(ref _count);
        return Task.FromResult(healthy);
    }
}
