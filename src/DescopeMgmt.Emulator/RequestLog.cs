using System.Collections.Concurrent;

namespace DescopeMgmt.Emulator;

/// <summary>One request as the emulator saw it; the Authorization header is never kept.</summary>
public sealed record RecordedRequest(DateTimeOffset Time, string Method, string Path, string Query, int StatusCode, string? ProjectId, string Body);

/// <summary>Every request, in arrival order, for tests to assert what the client did (and did not) send.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public int Count => _requests.Count;

    public IReadOnlyList<RecordedRequest> Snapshot() => [.. _requests];

    public void Clear() => _requests.Clear();

    internal void Add(RecordedRequest request) => _requests.Enqueue(request);
}
