using System.Net;

namespace DescopeMgmt.Api;

/// <summary>
/// A failed Management API call: the HTTP status (0 when no answer came), the service's error fields,
/// and a hint saying what to do. Never carries the management key.
/// </summary>
public sealed class DescopeApiException : Exception
{
    public DescopeApiException(
        string operation,
        int statusCode,
        string? errorCode,
        string? errorDescription,
        string? errorMessage,
        string? hint,
        Exception? innerException = null,
        bool isMalformedAnswer = false)
        : base(BuildMessage(operation, statusCode, errorCode, errorDescription, errorMessage, isMalformedAnswer), innerException)
    {
        IsMalformedAnswer = isMalformedAnswer;
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorDescription = errorDescription;
        ErrorMessage = errorMessage;
        Hint = hint;
    }

    /// <summary>
    /// An earlier attempt of this request may have reached the service and acted before it was retried, so
    /// even a refusal as the final answer does not prove a write left the item unchanged.
    /// </summary>
    public bool EarlierAttemptMayHaveActed { get; init; }

    /// <summary>What was being done, e.g. "export flow 'sign-in'".</summary>
    public string Operation { get; }

    /// <summary>HTTP status, or 0 when the connection failed before an answer.</summary>
    public int StatusCode { get; }

    public string? ErrorCode { get; }

    public string? ErrorDescription { get; }

    public string? ErrorMessage { get; }

    public string? Hint { get; }

    /// <summary>
    /// The server answered (usually 2xx) but the body cannot be used: not JSON, the wrong shape, a list with
    /// null entries or entries without an ID, invalid UTF-8, or larger than the answer limit. Never
    /// "empty": nothing may be written from such an answer. Not transient, so never retried.
    /// </summary>
    public bool IsMalformedAnswer { get; }

    public bool IsUnauthorized => StatusCode is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden;

    public bool IsRateLimited => StatusCode == (int)HttpStatusCode.TooManyRequests;

    public bool IsConnectionFailure => StatusCode == 0;

    /// <summary>
    /// The service answers 500 E103003 for an unknown flow, E112102 for an unknown user (whatever the status),
    /// 404 elsewhere; all mean "not there".
    /// </summary>
    public bool IsNotFound => StatusCode == (int)HttpStatusCode.NotFound || ErrorCode is ApiErrorCodes.FlowNotFound or ApiErrorCodes.UserNotFound;

    /// <summary>An answer that arrived but is not what <paramref name="method"/> <paramref name="path"/> returns.</summary>
    internal static DescopeApiException MalformedAnswer(string operation, HttpMethod method, string path, int status, string problem, Exception? inner = null) =>
        new(operation, status, null, $"{method} {path} answered {status} but its body is not the expected JSON: {problem}", null,
            "Check the base URL (--base-url / DESCOPE_BASE_URL): a proxy, a captive portal or another service may be answering instead of the Descope API.",
            inner, isMalformedAnswer: true);

    private static string BuildMessage(string operation, int status, string? code, string? description, string? detail, bool malformed)
    {
        if (malformed)
        {
            return $"Could not {operation}: {description}";
        }

        if (status == 0)
        {
            return $"Could not {operation}: {detail ?? "the connection failed"}";
        }

        var text = description ?? "Server error";
        if (!string.IsNullOrWhiteSpace(detail) && detail != description)
        {
            text += $" ({detail})";
        }

        return code is null
            ? $"Could not {operation}: HTTP {status}: {text}"
            : $"Could not {operation}: HTTP {status} {code}: {text}";
    }
}

public static class ApiErrorCodes
{
    public const string MalformedRequest = "E011001";
    public const string FlowNotFound = "E103003";
    public const string RateLimited = "E130429";
    public const string UserNotFound = "E112102";
}
