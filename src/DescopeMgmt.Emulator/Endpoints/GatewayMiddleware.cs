using DescopeMgmt.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// What stands before every endpoint, in the order the real service would apply it: injected faults,
/// the rate limit, then the bearer check. Every request is recorded, whatever its outcome.
/// </summary>
internal sealed class GatewayMiddleware(RequestLog log, FaultInjector faults, RateLimitGate rateLimit, string acceptedKey, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(context.Request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        context.Items[Wire.BodyItem] = body;
        var path = context.Request.Path.Value ?? "";
        var projectId = ProjectFromBearer(context.Request.Headers.Authorization.ToString(), out var key);
        var started = time.GetUtcNow();
        try
        {
            await HandleAsync(context, next, path, body, projectId, key).ConfigureAwait(false);
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode;
            log.Add(new RecordedRequest(started, context.Request.Method, path, context.Request.QueryString.Value ?? "", status, projectId, RequestRedaction.Redact(body)));
        }
    }

    private async Task HandleAsync(HttpContext context, RequestDelegate next, string path, string body, string? projectId, string? key)
    {
        var (delay, stall, failure) = faults.Decide(path, body);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, context.RequestAborted).ConfigureAwait(false);
        }

        if (stall > TimeSpan.Zero)
        {
            context.Response.Body = new StallingStream(context.Response.Body, stall, time, context.RequestAborted);
        }

        if (failure is { Kind: FaultKind.Reset })
        {
            context.Abort();
            return;
        }

        if (failure is { Kind: FaultKind.Status } fault)
        {
            if (fault.StatusCode == 429)
            {
                if (!fault.OmitRetryAfter)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                await Wire.WriteErrorAsync(context, 429, "E130429", "Too many requests", "injected fault").ConfigureAwait(false);
                return;
            }

            await Wire.WriteErrorAsync(context, fault.StatusCode, fault.StatusCode >= 500 ? "E010009" : "E011001",
                fault.StatusCode >= 500 ? "Unknown server error" : "Request is malformed", "injected fault").ConfigureAwait(false);
            return;
        }

        if (rateLimit.TryPass() is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Wire.WriteErrorAsync(context, 429, "E130429", "Too many requests", $"rate limit exceeded, retry after {retryAfter} s").ConfigureAwait(false);
            return;
        }

        if (projectId is null || !string.Equals(key, acceptedKey, StringComparison.Ordinal))
        {
            await Wire.WriteErrorAsync(context, 401, "E011401", "Unauthorized",
                projectId is null ? "expected Authorization: Bearer <projectId>:<managementKey>" : "the management key is not valid for this project").ConfigureAwait(false);
            return;
        }

        context.Items[Wire.ProjectItem] = projectId;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            await Wire.WriteErrorAsync(context, error.Status, error.Code, error.Description, error.Detail).ConfigureAwait(false);
        }
    }

    private static string? ProjectFromBearer(string header, out string? key)
    {
        key = null;
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[prefix.Length..].Trim();
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        key = token[(colon + 1)..];
        return token[..colon];
    }
}
