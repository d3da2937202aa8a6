namespace SorryEdge.Health;

/// <summary>
/// One site's probe timer: one-shot, re-armed when a round ends, and every state change under
/// one lock, so two rounds of the same site never overlap (rise/fall would count twice).
/// </summary>
internal sealed class ProbeSchedule(string siteId) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _disposed;
    private bool _running;
    private DateTimeOffset _dueAt = DateTimeOffset.MaxValue;

    public string SiteId { get; } = siteId;

    /// <summary>The interval the schedule was last armed with; a changed site re-arms at once.</summary>
    public TimeSpan Period { get; private set; }

    /// <summary>Sets the next round. While a round runs only the period is kept: the round re-arms when it ends.</summary>
    public void Arm(TimeProvider time, TimeSpan due, TimeSpan period, Func<ProbeSchedule, Task> round, bool endOfRound = false)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Period = period;
            if (_running && !endOfRound)
            {
                return;
            }

            _running = false;
            Start(time, due, round);
        }
    }

    /// <summary>Brings the next round forward to <paramref name="due"/> from now, unless one runs or comes sooner.</summary>
    public void ArmSooner(TimeProvider time, TimeSpan due, Func<ProbeSchedule, Task> round)
    {
        lock (_gate)
        {
            if (!_disposed && !_running && _dueAt > time.GetUtcNow() + due)
            {
                Start(time, due, round);
            }
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

    private bool TryBeginRound()
    {
        lock (_gate)
        {
            if (_disposed || _running)
            {
                return false;
            }

            _running = true;
            _dueAt = DateTimeOffset.MaxValue;
            return true;
        }
    }

    private void Start(TimeProvider time, TimeSpan due, Func<ProbeSchedule, Task> round)
    {
        _dueAt = time.GetUtcNow() + due;
        // The round catches and logs everything itself: nothing escapes the timer callback.
        _timer ??= time.CreateTimer(
            static state =>
            {
                var (schedule, run) = ((ProbeSchedule, Func<ProbeSchedule, Task>))state!;
                if (schedule.TryBeginRound())
                {
                    _ = run(schedule);
                }
            },
            (this, round),
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }
}
