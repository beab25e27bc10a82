namespace DescopeMgmt.Emulator;

/// <summary>
/// One request as the emulator saw it; the Authorization header is never kept. <see cref="Body"/> is cut to
/// <see cref="RequestLog.MaxBodyChars"/> characters; <see cref="BodyLength"/> is the length it arrived with.
/// </summary>
public sealed record RecordedRequest(DateTimeOffset Time, string Method, string Path, string Query, int StatusCode, string? ProjectId, string Body)
{
    public int BodyLength { get; init; } = Body.Length;

    public bool BodyTruncated => BodyLength > Body.Length;
}

/// <summary>
/// The most recent requests, in arrival order, for tests to assert what the client did (and did not) send.
/// Bounded in entries and in retained body characters, oldest dropped first, so a long-running emulator's
/// memory does not grow with its traffic.
/// </summary>
public sealed class RequestLog(int maxEntries = RequestLog.DefaultMaxEntries, long maxRetainedBodyChars = RequestLog.DefaultMaxRetainedBodyChars)
{
    public const int DefaultMaxEntries = 20_000;

    /// <summary>16 Mi characters (32 MB of UTF-16) of bodies at most.</summary>
    public const long DefaultMaxRetainedBodyChars = 16L * 1024 * 1024;

    /// <summary>Longer bodies keep their first 64 Ki characters, enough to read any test's assertions from.</summary>
    public const int MaxBodyChars = 64 * 1024;

    private readonly Queue<RecordedRequest> _requests = new();
    private readonly Lock _sync = new();
    private long _retainedBodyChars;
    private long _total;

    /// <summary>Requests currently retained.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Requests recorded since the start or the last <see cref="Clear"/>, including those dropped.</summary>
    public long Total
    {
        get
        {
            lock (_sync)
            {
                return _total;
            }
        }
    }

    /// <summary>Characters of request bodies currently retained.</summary>
    public long RetainedBodyChars
    {
        get
        {
            lock (_sync)
            {
                return _retainedBodyChars;
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_sync)
        {
            return [.. _requests];
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _requests.Clear();
            _retainedBodyChars = 0;
            _total = 0;
        }
    }

    internal void Add(RecordedRequest request)
    {
        if (request.Body.Length > MaxBodyChars)
        {
            request = request with { Body = request.Body[..MaxBodyChars] };
        }

        lock (_sync)
        {
            _requests.Enqueue(request);
            _retainedBodyChars += request.Body.Length;
            _total++;
            while (_requests.Count > maxEntries || (_retainedBodyChars > maxRetainedBodyChars && _requests.Count > 1))
            {
                _retainedBodyChars -= _requests.Dequeue().Body.Length;
            }
        }
    }
}
