using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Http;

/// <summary>
/// Sends one JSON request and turns the answer into a typed result or a <see cref="DescopeApiException"/>.
/// A 2xx answer is used only when it is the JSON the operation returns: anything else (an HTML page, the
/// wrong shape, null entries, an oversized or non-UTF-8 body) is an error naming the request, never an empty result.
/// </summary>
internal sealed class ApiTransport(HttpClient http, long maxAnswerBytes)
{
    /// <summary>Error bodies are a few hundred bytes; more than this is not a Descope error and only its status counts.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>Sends a request whose answer carries a result; the result is never null.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        ApiCall call,
        TRequest? body,
        JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var response = await SendCoreAsync(call, body, requestType, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var stream = await OpenBodyAsync(response, call, cancellationToken).ConfigureAwait(false);
        TResponse? result;
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                result = await JsonSerializer.DeserializeAsync(stream, responseType, ReadToken(call, cancellationToken)).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw DescopeApiException.MalformedAnswer(call.Operation, call.Method, call.Path, status, Describe(stream, ex), ex);
            }
            catch (Exception ex) when (IsBodyFailure(ex))
            {
                throw BodyFailed(call, status, ex);
            }
        }

        var problem = result switch
        {
            null => "it is null, not a JSON object",
            IWireAnswer answer => answer.Problem(),
            _ => null,
        };
        return problem is null ? result! : throw DescopeApiException.MalformedAnswer(call.Operation, call.Method, call.Path, status, problem);
    }

    /// <summary>Sends a request whose answer carries no result: an empty body or a JSON object, which is not used.</summary>
    public async Task SendAsync<TRequest>(ApiCall call, TRequest? body, JsonTypeInfo<TRequest>? requestType, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(call, body, requestType, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var stream = await OpenBodyAsync(response, call, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                // Even an ignored answer must be the API's: a proxy's 200 page means the change never reached the service.
                using var document = await JsonDocument.ParseAsync(stream, default, ReadToken(call, cancellationToken)).ConfigureAwait(false);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw DescopeApiException.MalformedAnswer(call.Operation, call.Method, call.Path, status,
                        $"it is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
                }
            }
            catch (JsonException) when (stream.FirstByte < 0)
            {
                // An empty body: the operation has no result, as the API allows.
            }
            catch (JsonException ex)
            {
                throw DescopeApiException.MalformedAnswer(call.Operation, call.Method, call.Path, status, Describe(stream, ex), ex);
            }
            catch (Exception ex) when (IsBodyFailure(ex))
            {
                throw BodyFailed(call, status, ex);
            }
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync<TRequest>(ApiCall call, TRequest? body, JsonTypeInfo<TRequest>? requestType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, call.PathAndQuery.TrimStart('/'));
        request.Options.Set(RetryPipelineFactory.Kind, call.Kind);
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
            // copying it) would triple the memory a plan needs; bodies are read from the stream.
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // A write on the wire is never aborted (its answer decides whether the item changed), so a
            // cancelled write was waiting: unless an earlier attempt may have acted, it did nothing.
            if (call.Kind != RequestKind.Read
                && !(request.Options.TryGetValue(RetryPipelineFactory.EarlierAttemptMayHaveActed, out var acted) && acted))
            {
                throw new WriteNotSentException(call.Operation, ex);
            }

            throw;
        }
        catch (AttemptTimeoutException ex)
        {
            throw new DescopeApiException(call.Operation, 0, null, null, ex.Message, ApiErrorHints.Connection(call.Kind), ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            throw new DescopeApiException(call.Operation, 0, null, null,
                $"the connection to {http.BaseAddress?.GetLeftPart(UriPartial.Authority)} failed ({ex.Message})",
                ApiErrorHints.Connection(call.Kind), ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var payload = await ReadErrorBodyAsync(response, call, cancellationToken).ConfigureAwait(false);
                throw CreateError(call.Operation, (int)response.StatusCode, payload,
                    request.Options.TryGetValue(RetryPipelineFactory.EarlierAttemptMayHaveActed, out var acted) && acted);
            }
        }

        return response;
    }

    private async Task<AnswerStream> OpenBodyAsync(HttpResponseMessage response, ApiCall call, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentLength is { } length && length > maxAnswerBytes)
        {
            throw DescopeApiException.MalformedAnswer(call.Operation, call.Method, call.Path, status,
                $"it announces {AnswerStream.SizeText(length)}, more than the answer limit of {AnswerStream.SizeText(maxAnswerBytes)} (DescopeClientOptions.MaxAnswerBytes)");
        }

        try
        {
            var inner = await response.Content.ReadAsStreamAsync(ReadToken(call, cancellationToken)).ConfigureAwait(false);
            return new AnswerStream(inner, maxAnswerBytes);
        }
        catch (Exception ex) when (IsBodyFailure(ex))
        {
            throw BodyFailed(call, status, ex);
        }
    }

    /// <summary>
    /// The answer to a change is read to its end even when cancelled: only it says whether the item changed.
    /// A read is abandoned at once.
    /// </summary>
    private static CancellationToken ReadToken(ApiCall call, CancellationToken cancellationToken) =>
        call.Kind == RequestKind.Read ? cancellationToken : CancellationToken.None;

    private static bool IsBodyFailure(Exception ex) => ex is AttemptTimeoutException or HttpRequestException or IOException or MalformedBodyException;

    /// <summary>The body never arrived whole (deadline, dropped connection), or what arrived cannot be used.</summary>
    private static DescopeApiException BodyFailed(ApiCall call, int status, Exception ex) => ex switch
    {
        MalformedBodyException => DescopeApiException.MalformedAnswer(call.Operation, call.Method, call.Path, status, ex.Message, ex),
        AttemptTimeoutException => new DescopeApiException(call.Operation, 0, null, null, ex.Message, ApiErrorHints.Connection(call.Kind), ex),
        _ => new DescopeApiException(call.Operation, 0, null, null,
            $"the connection dropped while reading the answer ({ex.Message})", ApiErrorHints.Connection(call.Kind), ex),
    };

    /// <summary>What was wrong, without quoting the body: a hostile server could echo the Authorization header in it.</summary>
    private static string Describe(AnswerStream stream, JsonException ex) => stream.FirstByte switch
    {
        -1 => "the body is empty",
        '<' => "it is an HTML or XML page, not JSON",
        _ => ex.Message,
    };

    /// <summary>Reads at most <see cref="MaxErrorBodyBytes"/>; a longer or non-UTF-8 body yields no error fields.</summary>
    private static async Task<byte[]> ReadErrorBodyAsync(HttpResponseMessage response, ApiCall call, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken = ReadToken(call, cancellationToken);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes + 1];
                var total = 0;
                int read;
                while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                return total > MaxErrorBodyBytes || !Utf8.IsValid(buffer.AsSpan(0, total)) ? [] : buffer[..total];
            }
        }
        catch (Exception ex) when (IsBodyFailure(ex))
        {
            throw BodyFailed(call, (int)response.StatusCode, ex);
        }
    }

    private static DescopeApiException CreateError(string operation, int status, byte[] payload, bool earlierAttemptMayHaveActed = false)
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
            ApiErrorHints.For(status, code))
        {
            EarlierAttemptMayHaveActed = earlierAttemptMayHaveActed,
        };
    }
}
