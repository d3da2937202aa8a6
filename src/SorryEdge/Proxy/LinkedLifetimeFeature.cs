using Microsoft.AspNetCore.Http.Features;

namespace SorryEdge.Proxy;

/// <summary>
/// Replaces <c>HttpContext.RequestAborted</c> for the forwarder with a token the edge can also
/// cancel, while <see cref="Abort"/> still aborts the real connection.
/// </summary>
internal sealed class LinkedLifetimeFeature(IHttpRequestLifetimeFeature inner, CancellationToken token) : IHttpRequestLifetimeFeature
{
    public CancellationToken RequestAborted
    {
        get => token;
        set => throw new NotSupportedException("The edge owns this request's cancellation.");
    }

    public void Abort() => inner.Abort();
}
