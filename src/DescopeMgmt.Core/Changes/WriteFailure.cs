using DescopeMgmt.Api;

namespace DescopeMgmt.Core.Changes;

/// <summary>Whether a failed write can have changed the item: only a refusal the service answered proves it did not.</summary>
internal static class WriteFailure
{
    public static bool MayHaveChanged(Exception error) => error switch
    {
        // Thrown before anything was sent (invalid input, a refused precondition).
        UserError => false,

        // A 4xx answer is a refusal, unless an earlier attempt of the same write may have acted before the
        // retry that got it; 408 (timeout) says nothing about what the service did.
        DescopeApiException { EarlierAttemptMayHaveActed: true } => true,
        DescopeApiException { StatusCode: >= 400 and < 500 and not 408 } => false,

        // A lost connection, a timeout, a 5xx, a 2xx with an unreadable body, or a signal while it was on
        // the wire: the service may have acted.
        _ => true,
    };
}
