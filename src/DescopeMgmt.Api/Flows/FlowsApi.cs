using System.Text.Json.Nodes;
using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Flows;

/// <summary>Flow operations. Export/import use the v2 shape (ExportedFlow) unless the method says V1.</summary>
public sealed class FlowsApi
{
    private readonly ApiTransport _transport;

    internal FlowsApi(ApiTransport transport) => _transport = transport;

    public async Task<IReadOnlyList<FlowSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Post, "/v1/mgmt/flow/list", new EmptyBody(),
            ApiJsonContext.Default.EmptyBody, ApiJsonContext.Default.FlowListResponse, "list flows", repeatable: true, cancellationToken).ConfigureAwait(false);
        return response?.Flows ?? [];
    }

    public Task DeleteAsync(IEnumerable<string> flowIds, CancellationToken cancellationToken = default)
    {
        var ids = flowIds.ToList();
        return _transport.SendAsync<FlowDeleteRequest, EmptyBody>(HttpMethod.Post, "/v1/mgmt/flow/delete", new FlowDeleteRequest { Ids = ids },
            ApiJsonContext.Default.FlowDeleteRequest, null, $"delete flow(s) {string.Join(", ", ids.Select(i => $"'{i}'"))}", repeatable: true, cancellationToken);
    }

    /// <summary>Returns the ExportedFlow document (<c>flowId</c>, <c>metadata</c>, <c>contents</c>, <c>screens</c>, <c>references</c>).</summary>
    public async Task<JsonObject> ExportAsync(string flowId, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Post, "/v2/mgmt/flow/export", new FlowIdRequest { FlowId = flowId },
            ApiJsonContext.Default.FlowIdRequest, ApiJsonContext.Default.FlowV2Envelope, $"export flow '{flowId}'", repeatable: true, cancellationToken).ConfigureAwait(false);
        return response?.Flow ?? throw new DescopeApiException($"export flow '{flowId}'", 200, null, "Invalid server response",
            "the answer holds no flow", null);
    }

    /// <summary>Imports (creates or replaces) a flow; <paramref name="flowId"/> overrides the document's own <c>flowId</c>.</summary>
    public Task ImportAsync(string flowId, JsonObject exportedFlow, CancellationToken cancellationToken = default)
    {
        var flow = (JsonObject)exportedFlow.DeepClone();
        flow["flowId"] = flowId;
        return _transport.SendAsync<FlowV2Envelope, EmptyBody>(HttpMethod.Post, "/v2/mgmt/flow/import", new FlowV2Envelope { Flow = flow },
            ApiJsonContext.Default.FlowV2Envelope, null, $"import flow '{flowId}'", repeatable: true, cancellationToken);
    }

    public async Task<FlowV1Document> ExportV1Async(string flowId, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Post, "/v1/mgmt/flow/export", new FlowIdRequest { FlowId = flowId },
            ApiJsonContext.Default.FlowIdRequest, ApiJsonContext.Default.FlowV1Document, $"export flow '{flowId}' (v1)", repeatable: true, cancellationToken).ConfigureAwait(false);
        return response ?? new FlowV1Document();
    }

    public async Task<FlowV1Document> ImportV1Async(string flowId, FlowV1Document document, CancellationToken cancellationToken = default)
    {
        var request = new FlowV1Document { FlowId = flowId, Flow = document.Flow, Screens = document.Screens };
        var response = await _transport.SendAsync(HttpMethod.Post, "/v1/mgmt/flow/import", request,
            ApiJsonContext.Default.FlowV1Document, ApiJsonContext.Default.FlowV1Document, $"import flow '{flowId}' (v1)", repeatable: true, cancellationToken).ConfigureAwait(false);
        return response ?? new FlowV1Document();
    }
}
