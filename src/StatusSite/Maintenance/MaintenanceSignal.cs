namespace StatusSite.Maintenance;

/// <summary>Wakes the scheduler early when a new window is created, so a window starting soon starts on time.</summary>
internal sealed class MaintenanceSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync() => Volatile.Read(ref _tcs).Task;

    public void Wake() => Interlocked.Exchange(ref _tcs, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
