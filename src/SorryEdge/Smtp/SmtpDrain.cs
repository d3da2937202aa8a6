namespace SorryEdge.Smtp;

/// <summary>
/// Signals that the edge is stopping: a session waiting for its next command answers
/// <c>421 4.3.2</c> and closes; one in DATA finishes within <c>Edge:Smtp:ShutdownGrace</c>.
/// </summary>
internal sealed class SmtpDrain : IDisposable
{
    private readonly CancellationTokenSource _draining = new();

    public CancellationToken Token => _draining.Token;

    public bool IsDraining => _draining.IsCancellationRequested;

    public Task BeginAsync() => _draining.CancelAsync();

    public void Dispose() => _draining.Dispose();
}
