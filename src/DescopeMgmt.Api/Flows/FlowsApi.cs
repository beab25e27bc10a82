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
        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/flow/list", "list flows", RequestKind.Read), new EmptyBody(),
            ApiJsonContext.Default.EmptyBody, ApiJsonContext.Default.FlowListResponse, cancellationToken).ConfigureAwait(false);
        return response.Flows;
    }

    public Task DeleteAsync(IEnumerable<string> flowIds, CancellationToken cancellationToken = default)
    {
        var ids = flowIds.ToList();
        var call = ApiCall.Post("/v1/mgmt/flow/delete", $"delete flow(s) {string.Join(", ", ids.Select(i => $"'{i}'"))}", RequestKind.Write);
        return _transport.SendAsync(call, new FlowDeleteRequest { Ids = ids }, ApiJsonContext.Default.FlowDeleteRequest, cancellationToken);
    }

    /// <summary>Returns the ExportedFlow document (<c>flowId</c>, <c>metadata</c>, <c>contents</c>, <c>screens</c>, <c>references</c>).</summary>
    public async Task<JsonObject> ExportAsync(string flowId, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(ApiCall.Post("/v2/mgmt/flow/export", $"export flow '{flowId}'", RequestKind.Read),
            new FlowIdRequest { FlowId = flowId }, ApiJsonContext.Default.FlowIdRequest, ApiJsonContext.Default.FlowV2Envelope, cancellationToken).ConfigureAwait(false);
        return response.Flow!;
    }

    /// <summary>Imports (creates or replaces) a flow; <paramref name="flowId"/> overrides the document's own <c>flowId</c>.</summary>
    public Task ImportAsync(string flowId, JsonObject exportedFlow, CancellationToken cancellationToken = default)
    {
        var flow = (JsonObject)exportedFlow.DeepClone();
        flow["flowId"] = flowId;
        return _transport.SendAsync(ApiCall.Post("/v2/mgmt/flow/import", $"import flow '{flowId}'", RequestKind.Write),
            new FlowV2Envelope { Flow = flow }, ApiJsonContext.Default.FlowV2Envelope, cancellationToken);
    }

    public Task<FlowV1Document> ExportV1Async(string flowId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/flow/export", $"export flow '{flowId}' (v1)", RequestKind.Read),
            new FlowIdRequest { FlowId = flowId }, ApiJsonContext.Default.FlowIdRequest, ApiJsonContext.Default.FlowV1Document, cancellationToken);

    public Task<FlowV1Document> ImportV1Async(string flowId, FlowV1Document document, CancellationToken cancellationToken = default)
    {
        var request = new FlowV1Document { FlowId = flowId, Flow = document.Flow, Screens = document.Screens };
        return _transport.SendAsync(ApiCall.Post("/v1/mgmt/flow/import", $"import flow '{flowId}' (v1)", RequestKind.Write),
            request, ApiJsonContext.Default.FlowV1Document, ApiJsonContext.Default.FlowV1Document, cancellationToken);
    }
}
