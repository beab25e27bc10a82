using System.Collections.Concurrent;

namespace DescopeMgmt.Testing;

/// <summary>
/// A clock for retry tests: timers shorter than <paramref name="threshold"/> (backoff, Retry-After waits)
/// fire at once and are recorded; longer ones (request timeouts) never fire. Only the clock is faked.
/// </summary>
public sealed class DelaySkippingTimeProvider(TimeSpan threshold) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public DelaySkippingTimeProvider()
        : this(TimeSpan.FromMinutes(5))
    {
    }

    /// <summary>Every skipped wait, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan || dueTime >= threshold)
        {
            return System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
