namespace MailOutbox;

/// <summary>Wakes an outbox worker as soon as something was queued, instead of at its next poll.</summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync() => Volatile.Read(ref _tcs).Task;

    public void Wake() => Interlocked.Exchange(ref _tcs, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
