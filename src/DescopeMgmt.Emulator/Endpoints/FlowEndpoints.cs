using System.Globalization;
using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using DescopeMgmt.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>Flow list/delete/export/import in both shapes.</summary>
internal static class FlowEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        app.MapPost("/v1/mgmt/flow/list", context =>
        {
            var ids = Wire.Strings(Wire.Body(context)["ids"]).ToHashSet(StringComparer.Ordinal);
            var flows = projects.Read(Wire.ProjectId(context), state => state.Flows.Values
                .Where(f => ids.Count == 0 || ids.Contains(Id(f)))
                .Select(Summary)
                .ToList());
            var array = new JsonArray();
            foreach (var flow in flows)
            {
                array.Add((JsonNode)flow);
            }

            return Wire.WriteAsync(context, new JsonObject { ["flows"] = array, ["total"] = flows.Count });
        });

        app.MapPost("/v1/mgmt/flow/delete", context =>
        {
            var ids = Wire.Strings(Wire.Body(context)["ids"]).ToList();
            if (ids.Count == 0)
            {
                throw ApiError.Missing("ids");
            }

            projects.Change(Wire.ProjectId(context), state => ids.Count(id => state.Flows.Remove(id)));
            return Wire.WriteEmptyAsync(context);
        });

        app.MapPost("/v2/mgmt/flow/export", context =>
        {
            var flow = Find(projects, context, RequiredFlowId(Wire.Body(context)));
            return Wire.WriteAsync(context, new JsonObject { ["flow"] = flow });
        });

        app.MapPost("/v1/mgmt/flow/export", context =>
        {
            var (flow, screens) = FlowShapes.ToV1(Find(projects, context, RequiredFlowId(Wire.Body(context))));
            return Wire.WriteAsync(context, new JsonObject { ["flow"] = flow, ["screens"] = screens });
        });

        app.MapPost("/v2/mgmt/flow/import", context =>
        {
            var flow = Wire.Body(context)["flow"] as JsonObject ?? throw ApiError.Missing("flow");
            var id = Wire.String(flow, "flowId") is { Length: > 0 } flowId ? flowId : throw ApiError.Missing("flow.flowId");
            Store(projects, context, id, (JsonObject)flow.DeepClone());
            return Wire.WriteEmptyAsync(context);
        });

        app.MapPost("/v1/mgmt/flow/import", context =>
        {
            var body = Wire.Body(context);
            var flow = body["flow"] as JsonObject ?? throw ApiError.Missing("flow");
            var id = Wire.String(body, "flowId") ?? Wire.String(flow, "id") ?? throw ApiError.Missing("flowId");
            var stored = Store(projects, context, id, FlowShapes.FromV1(id, flow, body["screens"] as JsonArray));
            var (v1Flow, screens) = FlowShapes.ToV1(stored);
            return Wire.WriteAsync(context, new JsonObject { ["flow"] = v1Flow, ["screens"] = screens });
        });
    }

    private static string RequiredFlowId(JsonObject body) =>
        Wire.String(body, "flowId") is { Length: > 0 } id ? id : throw ApiError.Missing("flowId");

    private static string Id(JsonObject flow) => flow["flowId"]?.GetValue<string>() ?? "";

    private static JsonObject Find(ProjectAccess projects, HttpContext context, string flowId) =>
        projects.Read(Wire.ProjectId(context), state => state.Flows.TryGetValue(flowId, out var flow) ? (JsonObject)flow.DeepClone() : null)
        // The real service answers 500 E103003 for an unknown flow, not 404.
        ?? throw new ApiError(500, "E103003", "Failed getting flow", $"flow '{flowId}' not found");

    /// <summary>Stores a flow and stamps the server-managed fields: version bumps on every import.</summary>
    private static JsonObject Store(ProjectAccess projects, HttpContext context, string flowId, JsonObject flow) =>
        projects.Change(Wire.ProjectId(context), state =>
        {
            flow["flowId"] = flowId;
            var metadata = flow["metadata"] as JsonObject;
            if (metadata is null)
            {
                metadata = [];
                flow["metadata"] = metadata;
            }

            var previous = state.Flows.TryGetValue(flowId, out var old) ? old["metadata"]?["version"]?.GetValue<int>() ?? 0 : 0;
            var now = projects.Time.GetUtcNow();
            metadata["version"] = previous + 1;
            metadata["etag"] = $"\"{flowId}-{previous + 1}-{now.ToUnixTimeMilliseconds():x}\"";
            metadata["modifiedTime"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            state.Flows[flowId] = flow;
            return (JsonObject)flow.DeepClone();
        });

    private static JsonObject Summary(JsonObject flow)
    {
        var metadata = flow["metadata"] as JsonObject ?? [];
        var summary = new JsonObject { ["id"] = Id(flow), ["name"] = metadata["name"]?.DeepClone() ?? "" };
        if (metadata["description"] is { } description)
        {
            summary["description"] = description.DeepClone();
        }

        summary["disabled"] = metadata["disabled"] is JsonValue v && v.TryGetValue<bool>(out var disabled) && disabled;
        if (metadata["version"] is { } version)
        {
            summary["version"] = version.DeepClone();
        }

        return summary;
    }
}
