namespace SorryEdge.Smtp;

/// <summary>One connection slot taken from <see cref="SmtpConnectionLimiter"/>; disposing gives it back exactly once.</summary>
internal sealed class SmtpConnectionLease(Action release) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            release();
        }
    }
}
