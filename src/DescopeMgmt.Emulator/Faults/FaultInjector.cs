namespace DescopeMgmt.Emulator.Faults;

/// <summary>The faults in force; tests add and clear them while the emulator runs.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<ActiveFault> _faults = [];
    private readonly Random _random;
    private int _fired;

    internal FaultInjector(IEnumerable<FaultSpec> initial, int seed)
    {
        _random = new Random(seed);
        foreach (var spec in initial)
        {
            Add(spec);
        }
    }

    public void Add(FaultSpec spec)
    {
        lock (_gate)
        {
            _faults.Add(new ActiveFault(spec));
        }
    }

    /// <summary>
    /// How many times a fault has fired. A delayed request is counted when it arrives, long before it is answered
    /// and logged, so a test can act while it is known to be in flight.
    /// </summary>
    public int Fired => Volatile.Read(ref _fired);

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>The delay before the answer, the pause inside its body, and the failure (if any) to answer this request with.</summary>
    internal (TimeSpan Delay, TimeSpan BodyStall, FaultSpec? Failure) Decide(string path, string body)
    {
        var delay = TimeSpan.Zero;
        var stall = TimeSpan.Zero;
        FaultSpec? failure = null;
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (!fault.Fires(path, body, _random))
                {
                    continue;
                }

                _fired++;

                if (fault.Spec.Kind == FaultKind.Latency)
                {
                    delay += fault.Spec.Latency;
                }
                else if (fault.Spec.Kind == FaultKind.Stall)
                {
                    stall += fault.Spec.Latency;
                }
                else
                {
                    failure ??= fault.Spec;
                }
            }
        }

        return (delay, stall, failure);
    }

    private sealed class ActiveFault(FaultSpec spec)
    {
        private int _matched;

        public FaultSpec Spec => spec;

        public bool Fires(string path, string body, Random random)
        {
            if (spec.PathPrefix is { } prefix && !(prefix.EndsWith('$')
                    ? string.Equals(path, prefix[..^1], StringComparison.OrdinalIgnoreCase)
                    : path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            if (spec.BodyContains is { } text && !body.Contains(text, StringComparison.Ordinal))
            {
                return false;
            }

            var index = ++_matched;
            if (spec.Nth is { } nth)
            {
                return index == nth;
            }

            if (spec.FirstCount is { } count)
            {
                return index <= count;
            }

            return spec.Probability >= 1 || random.NextDouble() < spec.Probability;
        }
    }
}
