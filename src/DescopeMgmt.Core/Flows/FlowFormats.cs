using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Flows;

/// <summary>
/// Converts the v1 <c>{flow, screens}</c> shape (console and descopecli exports) into the v2 ExportedFlow
/// shape we store, by the mapping table of the API reference §3.
/// </summary>
public static class FlowFormats
{
    private static readonly (string V1, string V2)[] TranslationFields =
    [
        ("translate", "enabled"),
        ("translateConnectorID", "connectorId"),
        ("translateSourceLang", "sourceLanguage"),
        ("translateTargetLangs", "targetLanguages"),
    ];

    private static readonly string[] MetadataFields =
        ["name", "description", "disabled", "fingerprint", "widget", "management", "managementConfig", "sharedInteractions"];

    public static bool IsV2(JsonObject document) =>
        document.ContainsKey("flowId") || document.ContainsKey("contents") || document.ContainsKey("metadata");

    public static bool IsV1(JsonObject document) => document["flow"] is JsonObject flow && flow.ContainsKey("dsl");

    public static JsonObject V1ToV2(JsonObject v1)
    {
        var flow = v1["flow"]?.AsObject() ?? [];
        var metadata = new JsonObject();
        foreach (var field in MetadataFields)
        {
            if (flow[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        var translation = new JsonObject();
        foreach (var (v1Name, v2Name) in TranslationFields)
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

        var screens = new JsonArray();
        foreach (var screen in v1["screens"]?.AsArray() ?? [])
        {
            if (screen is not JsonObject s)
            {
                continue;
            }

            if (s["componentsVersion"] is { } version && !metadata.ContainsKey("componentsVersion"))
            {
                metadata["componentsVersion"] = version.DeepClone();
            }

            var converted = new JsonObject { ["screenId"] = s["id"]?.DeepClone() };
            if (s["interactions"] is JsonArray { Count: > 0 } interactions)
            {
                converted["interactions"] = interactions.DeepClone();
            }

            converted["contents"] = s["htmlTemplate"]?.DeepClone() ?? new JsonObject();
            screens.Add((JsonNode)converted);
        }

        return new JsonObject
        {
            ["flowId"] = flow["id"]?.DeepClone(),
            ["metadata"] = metadata,
            ["contents"] = flow["dsl"]?.DeepClone() ?? new JsonObject(),
            ["screens"] = screens,
        };
    }
}
