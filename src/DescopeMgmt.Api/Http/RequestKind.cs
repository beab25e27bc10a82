namespace DescopeMgmt.Api.Http;

/// <summary>How a request may be repeated, and whether cancellation may cut it off once sent.</summary>
internal enum RequestKind
{
    /// <summary>Changes nothing: retried on any transient failure, and abandoned at once on cancellation.</summary>
    Read,

    /// <summary>
    /// A change the server may receive twice (update, import, flow delete). Once sent it runs to its answer
    /// even if cancelled, since only the answer says whether the item changed; no new attempt starts after cancellation.
    /// </summary>
    Write,

    /// <summary>
    /// A change that must not reach the server twice (create, tenant delete): like <see cref="Write"/>, but not
    /// repeated after a failure that may follow the service acting (a dropped connection, a timeout, a gateway error).
    /// </summary>
    WriteOnce,
}

/// <summary>One operation of the API: what the user is told it was ("list flows") and how to send it.</summary>
internal readonly record struct ApiCall(HttpMethod Method, string PathAndQuery, string Operation, RequestKind Kind)
{
    /// <summary>The path alone: queries are left out of messages and traces.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    public static ApiCall Post(string path, string operation, RequestKind kind) => new(HttpMethod.Post, path, operation, kind);

    public static ApiCall Get(string pathAndQuery, string operation) => new(HttpMethod.Get, pathAndQuery, operation, RequestKind.Read);

    /// <summary>An HTTP DELETE naming its item in the query (SSO configurations); sent without a body.</summary>
    public static ApiCall Delete(string pathAndQuery, string operation, RequestKind kind) => new(HttpMethod.Delete, pathAndQuery, operation, kind);
}
