using System.Threading.RateLimiting;

namespace DescopeMgmt.Api.Http;

/// <summary>Paces every attempt (retries included) through one limiter so bulk work never trips a 429.</summary>
internal sealed class RateLimitingHandler(RateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The client-side rate limiter refused a request.");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            limiter.Dispose();
        }

        base.Dispose(disposing);
    }
}
