using System.Text.Json.Nodes;

namespace DescopeMgmt.Shared;

/// <summary>
/// v1 ⇄ v2 flow shapes by the service's field mapping (as descopecli converts). Linked
/// into Core (reading console exports) and the Emulator (serving both shapes), which must not share a project.
/// </summary>
internal static class FlowShapes
{
    private static readonly string[] SameNameFields =
        ["name", "description", "disabled", "fingerprint", "widget", "management", "managementConfig", "sharedInteractions", "version", "etag", "modifiedTime"];

    private static readonly (string V1, string V2)[] Translation =
    [
        ("translate", "enabled"), ("translateConnectorID", "connectorId"), ("translateSourceLang", "sourceLanguage"), ("translateTargetLangs", "targetLanguages"),
    ];

    public static (JsonObject Flow, JsonArray Screens) ToV1(JsonObject v2)
    {
        var metadata = v2["metadata"] as JsonObject ?? [];
        var flow = new JsonObject { ["id"] = v2["flowId"]?.DeepClone() };
        foreach (var field in SameNameFields)
        {
            if (metadata[field] is { } value)
            {
                flow[field] = value.DeepClone();
            }
        }

        if (metadata["translation"] is JsonObject translation)
        {
            foreach (var (v1Name, v2Name) in Translation)
            {
                if (translation[v2Name] is { } value)
                {
                    flow[v1Name] = value.DeepClone();
                }
            }
        }

        flow["dsl"] = v2["contents"]?.DeepClone() ?? new JsonObject();
        var screens = new JsonArray();
        foreach (var screen in v2["screens"] as JsonArray ?? [])
        {
            if (screen is not JsonObject s)
            {
                continue;
            }

            screens.Add((JsonNode)new JsonObject
            {
                ["id"] = s["screenId"]?.DeepClone(),
                ["flowId"] = v2["flowId"]?.DeepClone(),
                ["version"] = metadata["version"]?.DeepClone(),
                ["inputs"] = s["inputs"]?.DeepClone() ?? new JsonArray(),
                ["interactions"] = s["interactions"]?.DeepClone() ?? new JsonArray(),
                ["htmlTemplate"] = s["contents"]?.DeepClone() ?? new JsonObject(),
                ["componentsVersion"] = metadata["componentsVersion"]?.DeepClone(),
            });
        }

        return (flow, screens);
    }

    public static JsonObject FromV1(string flowId, JsonObject flow, JsonArray? screens)
    {
        var metadata = new JsonObject();
        foreach (var field in SameNameFields)
        {
            if (flow[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        var translation = new JsonObject();
        foreach (var (v1Name, v2Name) in Translation)
        {
            if (flow[v1Name] is { } value)
            {
                translation[v2Name] = value.DeepClone();
            }
        }

        if (translation.Count > 0)
        {
            metadata["translation"] = translation;
        }

        var v2Screens = new JsonArray();
        foreach (var screen in screens ?? [])
        {
            if (screen is not JsonObject s)
            {
                continue;
            }

            if (s["componentsVersion"] is { } cv && !metadata.ContainsKey("componentsVersion"))
            {
                metadata["componentsVersion"] = cv.DeepClone();
            }

            var converted = new JsonObject { ["screenId"] = s["id"]?.DeepClone() };
            if (s["interactions"] is JsonArray { Count: > 0 } interactions)
            {
                converted["interactions"] = interactions.DeepClone();
            }

            if (s["inputs"] is JsonArray { Count: > 0 } inputs)
            {
                converted["inputs"] = inputs.DeepClone();
            }

            converted["contents"] = s["htmlTemplate"]?.DeepClone() ?? new JsonObject();
            v2Screens.Add((JsonNode)converted);
        }

        return new JsonObject
        {
            ["flowId"] = flowId,
            ["metadata"] = metadata,
            ["contents"] = flow["dsl"]?.DeepClone() ?? new JsonObject(),
            ["screens"] = v2Screens,
        };
    }
}
