using System.Text.Json.Nodes;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Flows;

/// <summary>Recognises the two flow shapes and converts v1 <c>{flow, screens}</c> exports (console, descopecli) to v2.</summary>
public static class FlowFormats
{
    public static bool IsV2(JsonObject document) =>
        document.ContainsKey("flowId") || document.ContainsKey("contents") || document.ContainsKey("metadata");

    public static bool IsV1(JsonObject document) => document["flow"] is JsonObject flow && flow.ContainsKey("dsl");

    public static JsonObject V1ToV2(JsonObject v1)
    {
        var flow = v1["flow"]?.AsObject() ?? [];
        var id = flow["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        return FlowShapes.FromV1(id, flow, v1["screens"] as JsonArray);
    }
}
