using System.Threading.RateLimiting;

namespace DescopeMgmt.Api;

/// <summary>Everything needed to talk to one Descope project. The key is never logged or printed.</summary>
public sealed class DescopeClientOptions
{
    public required string ProjectId { get; init; }

    public required string ManagementKey { get; init; }

    /// <summary>Explicit base URL; wins over the regional host derived from the project ID.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Client-side pacing so bulk work stays under the server's limit; null = unpaced.</summary>
    public RateLimitPolicy? RateLimit { get; init; }

    /// <summary>Time allowed for one attempt of one request, reading the whole answer included (a retry gets a fresh timeout).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Retries after the first attempt for transient failures (503/52x/530, dropped connections, timeouts,
    /// 429). Tenant create and delete are not repeated after a dropped connection or timeout once sent.
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First backoff delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Used when a 429 carries no Retry-After header.</summary>
    public TimeSpan DefaultRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest answer body read, in bytes; a larger one fails the request instead of exhausting memory.
    /// The default (256 MiB) is far above a snapshot of hundreds of large flows.
    /// </summary>
    public long MaxAnswerBytes { get; init; } = DefaultMaxAnswerBytes;

    public const long DefaultMaxAnswerBytes = 256L * 1024 * 1024;

    /// <summary>Clock for backoff and Retry-After waits; tests inject one that does not sleep.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives one line per HTTP attempt (method, path, status, duration, retry) for --verbose.</summary>
    public Action<string>? Trace { get; init; }

    public string UserAgent { get; init; } = "descope-mgmt";
}

/// <summary>A request budget such as 500 requests per 10 seconds.</summary>
public sealed record RateLimitPolicy(int Permits, TimeSpan Window)
{
    private const int Segments = 20;

    /// <summary>
    /// A sliding window keeps every interval of <see cref="Window"/> under the limit, whatever the
    /// server's window alignment (a token bucket would allow a double burst across a boundary). The
    /// window is one segment longer than asked because a permit taken late in a segment is returned
    /// when the whole segment leaves the window; this costs 5% of the rate and removes the 429s.
    /// </summary>
    public RateLimiter CreateLimiter() => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = Permits,
        Window = Window + (Window / Segments),
        SegmentsPerWindow = Segments + 1,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    /// <summary>Parses "500/10s", "100/60" (seconds), "5/1m", "20/500ms".</summary>
    public static RateLimitPolicy Parse(string text)
    {
        var parts = text.Split('/', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], out var permits) || permits <= 0)
        {
            throw new FormatException($"Invalid rate limit '{text}': expected PERMITS/WINDOW such as 500/10s.");
        }

        try
        {
            return new RateLimitPolicy(permits, DurationText.Parse(parts[1], TimeSpan.FromSeconds(1)));
        }
        catch (OverflowException ex)
        {
            throw new FormatException($"Invalid rate limit '{text}': {ex.Message}", ex);
        }
    }
}
