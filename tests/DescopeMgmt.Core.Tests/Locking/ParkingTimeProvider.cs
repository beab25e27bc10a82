using Microsoft.Extensions.Time.Testing;

namespace DescopeMgmt.Core.Tests.Locking;

/// <summary>
/// A fake clock that tells when code starts waiting on it, so a test can move time forward exactly
/// when the waiter is parked instead of racing it.
/// </summary>
public sealed class ParkingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim parked = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        parked.Release();
        return timer;
    }

    /// <summary>Advances time each time <paramref name="waiter"/> parks on a timer, until it finishes.</summary>
    public async Task AdvanceUntilDoneAsync(Task waiter, TimeSpan step, CancellationToken cancellationToken)
    {
        while (!waiter.IsCompleted)
        {
            var next = parked.WaitAsync(cancellationToken);
            if (await Task.WhenAny(next, waiter) == next)
            {
                Advance(step);
            }
        }
    }
}
