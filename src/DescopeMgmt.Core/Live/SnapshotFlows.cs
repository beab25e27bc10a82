using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Live;

/// <summary>The raw parts of a live flow, for comparing unchanged subtrees without building nodes.</summary>
public sealed record FlowRawParts(JsonElement? Contents, JsonElement? References, IReadOnlyDictionary<string, JsonElement> Screens);

/// <summary>
/// Rebuilds v2 flow documents and the theme from a project snapshot's <c>files</c> map:
/// <c>flows/&lt;id&gt;/metadata.json</c> (v2 metadata plus <c>screens</c> IDs and <c>references</c>),
/// <c>flows/&lt;id&gt;/contents.json</c>, <c>flows/&lt;id&gt;/screen-&lt;screenId&gt;.json</c>, and the theme
/// under <c>themes/</c> or <c>styles/</c>. One snapshot call replaces one export per flow. Nodes are
/// created lazily over the raw elements, so a flow nobody changed is never expanded into a node tree.
/// </summary>
public static class SnapshotFlows
{
    public static Dictionary<string, (JsonObject Flow, FlowRawParts Raw)> ReadFlows(IReadOnlyDictionary<string, JsonElement> files)
    {
        var flows = new Dictionary<string, (JsonObject, FlowRawParts)>(StringComparer.Ordinal);
        foreach (var (path, value) in files)
        {
            var parts = path.Split('/');
            if (parts.Length != 3 || parts[0] != "flows" || parts[2] != "metadata.json" || value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var id = parts[1];
            var metadata = new JsonObject();
            JsonElement? references = null;
            var screenIds = new List<string>();
            foreach (var property in value.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "screens":
                        screenIds.AddRange(property.Value.ValueKind == JsonValueKind.Array
                            ? property.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
                            : []);
                        break;
                    case "references":
                        references = property.Value;
                        break;
                    default:
                        metadata[property.Name] = ToNode(property.Value);
                        break;
                }
            }

            JsonElement? contents = files.TryGetValue($"flows/{id}/contents.json", out var c) ? c : null;
            var rawScreens = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var screens = new JsonArray();
            foreach (var screenId in screenIds)
            {
                if (files.TryGetValue($"flows/{id}/screen-{screenId}.json", out var screen) && screen.ValueKind == JsonValueKind.Object)
                {
                    rawScreens[screenId] = screen;
                    var node = new JsonObject { ["screenId"] = screenId };
                    foreach (var property in screen.EnumerateObject())
                    {
                        node[property.Name] = ToNode(property.Value);
                    }

                    screens.Add((JsonNode)node);
                }
            }

            var flow = new JsonObject
            {
                ["flowId"] = id,
                ["metadata"] = metadata,
                ["contents"] = contents is { } raw ? ToNode(raw) : new JsonObject(),
                ["screens"] = screens,
            };
            if (references is { } refs)
            {
                flow["references"] = ToNode(refs);
            }

            flows[id] = (flow, new FlowRawParts(contents, references, rawScreens));
        }

        return flows;
    }

    public static JsonObject? ReadTheme(IReadOnlyDictionary<string, JsonElement> files)
    {
        foreach (var candidate in new[] { "themes/theme.json", "styles/theme.json", "theme.json" })
        {
            if (files.TryGetValue(candidate, out var theme) && theme.ValueKind == JsonValueKind.Object)
            {
                return JsonObject.Create(theme);
            }
        }

        return null;
    }

    /// <summary>A node backed by the element: nothing is copied until someone reads into it.</summary>
    public static JsonNode? ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(element),
    };
}
