namespace DescopeMgmt.Api;

/// <summary>
/// A write stopped by cancellation before any attempt of it could have acted: it waited (for the client's
/// rate limiter, or to retry after a refusal such as a 429) and was never sent again, so the item did not change.
/// </summary>
public sealed class WriteNotSentException(string operation, Exception innerException)
    : OperationCanceledException($"{operation} was stopped before it was sent", innerException)
{
    public string Operation { get; } = operation;
}
