namespace DescopeMgmt.Api.Http;

/// <summary>Counts of HTTP attempts, so commands can report the cost of their work (plan's API-call count).</summary>
public sealed class ApiCallStats
{
    private long _attempts;
    private long _retries;
    private long _rateLimited;

    /// <summary>Every HTTP attempt that reached the wire, retries included.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Answers with HTTP 429.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    internal void CountAttempt() => Interlocked.Increment(ref _attempts);

    internal void CountRetry() => Interlocked.Increment(ref _retries);

    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimited);
}
