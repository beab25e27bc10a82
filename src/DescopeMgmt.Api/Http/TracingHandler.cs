using System.Diagnostics;

namespace DescopeMgmt.Api.Http;

/// <summary>
/// Innermost handler: sees every attempt on the wire, counts it and traces method, path, status and
/// duration. It never looks at headers, so the Authorization value cannot leak into a trace, and prints
/// the path alone: queries carry IDs, and base URLs with credentials are refused before any request.
/// </summary>
internal sealed class TracingHandler(ApiCallStats stats, Action<string>? trace, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        stats.CountAttempt();
        var started = time.GetTimestamp();
        var target = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 429)
            {
                stats.CountRateLimited();
            }

            trace?.Invoke($"{target} -> {(int)response.StatusCode} ({Elapsed(started)} ms)");
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            trace?.Invoke($"{target} -> connection failed: {ex.Message} ({Elapsed(started)} ms)");
            throw;
        }
    }

    private long Elapsed(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;
}
