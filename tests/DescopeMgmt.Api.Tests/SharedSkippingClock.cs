using System.Collections.Concurrent;

namespace DescopeMgmt.Api.Tests;

/// <summary>
/// One clock for the client and the emulator. Like <see cref="DescopeMgmt.Testing.DelaySkippingTimeProvider"/>,
/// short waits fire at once and are recorded, but the clock also moves on by each skipped wait, so a
/// rate-limit window the client waited out has really passed for the emulator.
/// </summary>
internal sealed class SharedSkippingClock : TimeProvider
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(5);
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private long _skippedTicks;

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _skippedTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan || dueTime >= Threshold)
        {
            return System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        // Time moves before the timer fires, so whoever the wait releases already sees it passed.
        Interlocked.Add(ref _skippedTicks, dueTime.Ticks);
        _delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
