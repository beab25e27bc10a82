using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DescopeMgmt.Api.Http;

/// <summary>
/// Retry policy of the API reference §2, plus 429 handling: transient statuses and dropped connections
/// back off exponentially with jitter; 429 waits Retry-After seconds (a default when absent); any other
/// 4xx/5xx is final. Each attempt has its own timeout.
/// </summary>
internal static class RetryPipelineFactory
{
    private static readonly HashSet<int> TransientStatuses = [503, 520, 521, 522, 524, 530];

    public static ResiliencePipeline<HttpResponseMessage> Create(DescopeClientOptions options, ApiCallStats stats)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 0),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(args.Outcome, options.DefaultRetryAfter)),
            OnRetry = args =>
            {
                stats.CountRetry();
                var reason = args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name;
                options.Trace?.Invoke($"retry {args.AttemptNumber + 1}/{options.MaxRetries} after {reason}, waiting {(long)args.RetryDelay.TotalMilliseconds} ms");
                return ValueTask.CompletedTask;
            },
        };
        if (retry.MaxRetryAttempts == 0)
        {
            return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider }
                .AddTimeout(options.RequestTimeout)
                .Build();
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider }
            .AddRetry(retry)
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            return TransientStatuses.Contains(status) || response.StatusCode == HttpStatusCode.TooManyRequests;
        }

        return outcome.Exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => false,
            HttpRequestException or TimeoutRejectedException or IOException => true,
            _ => false,
        };
    }

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
