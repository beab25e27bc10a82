using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Http;

/// <summary>Sends one JSON request and turns the answer into a typed result or a <see cref="DescopeApiException"/>.</summary>
internal sealed class ApiTransport(HttpClient http)
{
    /// <param name="repeatable">
    /// False for requests the server must not receive twice (creates): they are not retried after a
    /// dropped connection or a timeout, since the first attempt may have succeeded.
    /// </param>
    public async Task<TResponse?> SendAsync<TRequest, TResponse>(
        HttpMethod method,
        string pathAndQuery,
        TRequest? body,
        JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<TResponse>? responseType,
        string operation,
        bool repeatable,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        request.Options.Set(RetryPipelineFactory.Repeatable, repeatable);
        if (requestType is not null)
        {
            var bytes = body is null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(body, requestType);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        try
        {
            // Headers first: a snapshot answer can be tens of megabytes, and buffering it whole (then
            // copying it) would triple the memory a plan needs; bodies are read from the stream below.
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (AttemptTimeoutException ex)
        {
            throw new DescopeApiException(operation, 0, null, null, ex.Message, ApiErrorHints.ConnectionHint, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            throw new DescopeApiException(operation, 0, null, null,
                $"the connection to {http.BaseAddress?.GetLeftPart(UriPartial.Authority)} failed ({ex.Message})",
                ApiErrorHints.ConnectionHint, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var payload = await ReadBodyAsync(response, operation, cancellationToken).ConfigureAwait(false);
                throw CreateError(operation, (int)response.StatusCode, payload);
            }

            if (responseType is null || response.Content.Headers.ContentLength == 0)
            {
                return null;
            }

            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (JsonException ex) when (ex.LineNumber == 0 && ex.BytePositionInLine == 0)
            {
                // An empty body of unknown length: the operation has no result.
                return null;
            }
            catch (Exception ex) when (ex is AttemptTimeoutException or HttpRequestException or IOException)
            {
                throw ReadFailed(operation, 0, ex);
            }
            catch (JsonException ex)
            {
                throw new DescopeApiException(operation, (int)response.StatusCode, null, "Invalid server response",
                    ex.Message, "The service answered with something that is not the expected JSON. Check the base URL.", ex);
            }
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AttemptTimeoutException or HttpRequestException or IOException)
        {
            throw ReadFailed(operation, (int)response.StatusCode, ex);
        }
    }

    /// <summary>The answer's body never arrived whole: the attempt's deadline passed or the connection dropped.</summary>
    private static DescopeApiException ReadFailed(string operation, int status, Exception ex) =>
        new(operation, status, null, null,
            ex is AttemptTimeoutException ? ex.Message : $"the connection dropped while reading the answer ({ex.Message})",
            ApiErrorHints.ConnectionHint, ex);

    private static DescopeApiException CreateError(string operation, int status, byte[] payload)
    {
        ApiErrorBody? body = null;
        try
        {
            body = payload.Length == 0 ? null : JsonSerializer.Deserialize(payload, ApiJsonContext.Default.ApiErrorBody);
        }
        catch (JsonException)
        {
            // Proxies answer with HTML; the status alone still says what happened.
        }

        var code = string.IsNullOrEmpty(body?.ErrorCode) ? null : body.ErrorCode;
        return new DescopeApiException(
            operation,
            status,
            code,
            body?.ErrorDescription,
            body?.ErrorMessage ?? body?.Message,
            ApiErrorHints.For(status, code));
    }
}
