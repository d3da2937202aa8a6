using Yarp.ReverseProxy.Model;

namespace SorryEdge.Health;

/// <summary>One site's probe timer: one-shot, re-armed after each round, so rounds never overlap.</summary>
internal sealed class ProbeSchedule(ClusterState cluster) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _disposed;

    public ClusterState Cluster { get; } = cluster;

    /// <summary>The interval the schedule was last armed with; a changed site re-arms at once.</summary>
    public TimeSpan Period { get; private set; }

    /// <summary>When the next round starts; <see cref="DateTimeOffset.MaxValue"/> while a round runs.</summary>
    public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

    public bool Running { get; private set; }

    public void BeginRound()
    {
        lock (_gate)
        {
            Running = true;
            DueAt = DateTimeOffset.MaxValue;
        }
    }

    public void Arm(TimeProvider time, TimeSpan due, TimeSpan period, Func<ProbeSchedule, Task> round)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Period = period;
            Running = false;
            DueAt = time.GetUtcNow() + due;
            // The round catches and logs everything itself: nothing escapes the timer callback.
            _timer ??= time.CreateTimer(
                static state =>
                {
                    var (schedule, run) = ((ProbeSchedule, Func<ProbeSchedule, Task>))state!;
                    _ = run(schedule);
                },
                (this, round),
                Timeout.InfiniteTimeSpan,
                Timeout.InfiniteTimeSpan);
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }
}
