namespace SorryEdge.Smtp;

/// <summary>A timeout on the injected clock joined with the connection's own cancellation.</summary>
internal sealed class CommandDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public CommandDeadline(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, CancellationToken also = default)
    {
        _timeout = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token, also);
    }

    /// <summary>True when the timeout (not the connection or the other token) fired.</summary>
    public bool TimedOut => _timeout.IsCancellationRequested;

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
