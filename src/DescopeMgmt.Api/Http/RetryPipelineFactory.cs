using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace DescopeMgmt.Api.Http;

/// <summary>
/// The retry policy, plus 429 handling: transient statuses, timeouts and dropped
/// connections back off exponentially with jitter; 429 waits Retry-After seconds (a default when absent);
/// any other 4xx/5xx is final. A <see cref="RequestKind.WriteOnce"/> request (a create) is retried after a
/// connection failure or timeout only when it never left this machine. Every wait (backoff, Retry-After) ends
/// at cancellation, whatever the kind: the attempt before it already has its answer, and none starts after it.
/// </summary>
internal static class RetryPipelineFactory
{
    private static readonly HashSet<int> TransientStatuses = [503, 520, 521, 522, 524, 530];

    /// <summary>Without a cap, a large retry count would turn the doubling into hours.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The request's <see cref="RequestKind"/>. A WriteOnce request is not sent twice after a dropped connection
    /// or a timeout: the server may have acted, and a second create would fail with "already exists" (or, for
    /// a generated ID, create a duplicate). Requests without it are reads.
    /// </summary>
    public static readonly HttpRequestOptionsKey<RequestKind> Kind = new("DescopeMgmt.RequestKind");

    /// <summary>
    /// Set on a request when an earlier attempt of it may have reached the service and acted (a timeout, a
    /// dropped connection after sending, a gateway error): the final answer, even a refusal, then does not
    /// prove the item unchanged.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> EarlierAttemptMayHaveActed = new("DescopeMgmt.EarlierAttemptMayHaveActed");

    public static RequestKind KindOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Kind, out var kind) ? kind : RequestKind.Read;

    public static ResiliencePipeline<HttpResponseMessage> Create(DescopeClientOptions options, ApiCallStats stats)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, args.Context)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                RateLimitDelay(args.Outcome, options.DefaultRetryAfter) ?? Backoff(options.RetryBaseDelay, args.AttemptNumber, Random.Shared.NextDouble())),
            OnRetry = args =>
            {
                stats.CountRetry();
                if (MayHaveActed(args.Outcome) && args.Context.GetRequestMessage() is { } retried)
                {
                    retried.Options.Set(EarlierAttemptMayHaveActed, true);
                }

                var reason = args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name;
                options.Trace?.Invoke($"retry {args.AttemptNumber + 1}/{options.MaxRetries} after {reason}, waiting {(long)args.RetryDelay.TotalMilliseconds} ms");
                return ValueTask.CompletedTask;
            },
        };

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        return options.MaxRetries <= 0 ? builder.Build() : builder.AddRetry(retry).Build();
    }

    /// <summary>
    /// Attempt n (0-based) waits base * 2^n, scaled by a random factor in [0.75, 1.25) so clients that
    /// failed together do not retry together. The spread is narrow enough that, below the cap, each wait
    /// is longer than the one before (0.75 * 2 > 1.25).
    /// </summary>
    internal static TimeSpan Backoff(TimeSpan baseDelay, int attempt, double random)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.75 + (0.5 * random)));
    }

    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            // 429 and 503 are refusals: nothing was done. The gateway errors (520-530) may come after the
            // service acted, so a create or delete is not repeated on them.
            return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                || (TransientStatuses.Contains(status) && IsRepeatable(context));
        }

        return outcome.Exception switch
        {
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => false,
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError } => true,
            HttpRequestException or AttemptTimeoutException or IOException => IsRepeatable(context),
            _ => false,
        };
    }

    // A refusal (429, 503) or a connection that never opened left the service untouched; anything else may not have.
    private static bool MayHaveActed(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError } } => false,
        _ => true,
    };

    private static bool IsRepeatable(ResilienceContext context) =>
        context.GetRequestMessage() is not { } request || KindOf(request) != RequestKind.WriteOnce;

    /// <summary>For 429 the server's word decides the wait; null lets the exponential backoff decide.</summary>
    private static TimeSpan? RateLimitDelay(Outcome<HttpResponseMessage> outcome, TimeSpan fallback)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } response)
        {
            return null;
        }

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta && delta > TimeSpan.Zero)
        {
            return delta;
        }

        return fallback;
    }
}
