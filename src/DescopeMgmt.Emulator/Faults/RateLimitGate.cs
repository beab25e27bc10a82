namespace DescopeMgmt.Emulator.Faults;

/// <summary>Counts requests in fixed windows and says how long a refused caller must wait.</summary>
internal sealed class RateLimitGate(TimeProvider time)
{
    private readonly object _gate = new();
    private RateLimitSpec? _spec;
    private DateTimeOffset _windowStart;
    private int _count;

    public void Set(RateLimitSpec? spec)
    {
        lock (_gate)
        {
            _spec = spec;
            _count = 0;
            _windowStart = time.GetUtcNow();
        }
    }

    /// <summary>Null when the request may pass; otherwise the whole seconds until the window resets (at least 1).</summary>
    public int? TryPass()
    {
        lock (_gate)
        {
            if (_spec is not { } spec)
            {
                return null;
            }

            var now = time.GetUtcNow();
            if (now - _windowStart >= spec.Window)
            {
                _windowStart = now;
                _count = 0;
            }

            if (_count < spec.Permits)
            {
                _count++;
                return null;
            }

            var remaining = _windowStart + spec.Window - now;
            return Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds));
        }
    }
}
