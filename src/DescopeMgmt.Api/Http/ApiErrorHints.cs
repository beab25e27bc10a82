namespace DescopeMgmt.Api.Http;

/// <summary>What to tell the user for the errors people actually hit.</summary>
internal static class ApiErrorHints
{
    public static string? For(int status, string? errorCode) => (status, errorCode) switch
    {
        (500, ApiErrorCodes.FlowNotFound) =>
            "The flow does not exist in this project (the service answers 500 E103003 for an unknown flow ID). Check the ID with `descope-mgmt flow list`.",
        (401, _) or (403, _) =>
            "The project ID or management key was refused. Check DESCOPE_PROJECT_ID and DESCOPE_MANAGEMENT_KEY (or the environment's managementKey variable) and that the key is active and allowed for this project.",
        (429, _) =>
            "The service's rate limit was hit and retries ran out. Lower the pace with --rate-limit (e.g. 100/60s) or try again later.",
        (404, _) => "The item does not exist in this project.",
        (>= 500, _) =>
            "The Descope service failed. Try again; if it persists, check https://status.descope.com. Nothing after the failed item was changed.",
        _ => null,
    };

    /// <summary>
    /// A lost connection: only a request that writes can leave the item in doubt; a read changed nothing,
    /// so a read-only command (list, get, plan, export) must not suggest that something may have changed.
    /// </summary>
    public static string Connection(RequestKind kind) => kind == RequestKind.Read
        ? "Check the network and the base URL (--base-url / DESCOPE_BASE_URL), then run the command again; this request changes nothing."
        : "Check the network and the base URL (--base-url / DESCOPE_BASE_URL). The change may or may not have been applied; run `descope-mgmt plan` to see the live state.";
}
