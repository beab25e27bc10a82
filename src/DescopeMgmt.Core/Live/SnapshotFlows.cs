using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Live;

/// <summary>
/// Rebuilds v2 flow documents and the theme from a project snapshot's <c>files</c> map (API reference §5):
/// <c>flows/&lt;id&gt;/metadata.json</c> (v2 metadata plus <c>screens</c> IDs and <c>references</c>),
/// <c>flows/&lt;id&gt;/contents.json</c>, <c>flows/&lt;id&gt;/screen-&lt;screenId&gt;.json</c>, and the theme
/// under <c>themes/</c> or <c>styles/</c>. One snapshot call replaces one export per flow.
/// The files map is consumed: its nodes are moved into the flows rather than copied, since a plan of
/// hundreds of large flows must not hold every document twice.
/// </summary>
public static class SnapshotFlows
{
    public static Dictionary<string, JsonObject> ReadFlows(IReadOnlyDictionary<string, JsonNode?> files)
    {
        var flows = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (path, value) in files)
        {
            var parts = path.Split('/');
            if (parts.Length != 3 || parts[0] != "flows" || parts[2] != "metadata.json" || value is not JsonObject metadataFile)
            {
                continue;
            }

            var id = parts[1];
            var metadata = metadataFile;
            var screenIds = metadata["screens"] as JsonArray;
            metadata.Remove("screens");
            var references = metadata["references"];
            metadata.Remove("references");
            var contents = files.TryGetValue($"flows/{id}/contents.json", out var c) ? c : null;

            var flow = new JsonObject
            {
                ["flowId"] = id,
                ["metadata"] = metadata,
                ["contents"] = contents ?? new JsonObject(),
            };
            var screens = new JsonArray();
            foreach (var screenId in screenIds?.Select(s => s?.GetValue<string>()).OfType<string>() ?? [])
            {
                if (files.TryGetValue($"flows/{id}/screen-{screenId}.json", out var screen) && screen is JsonObject s)
                {
                    s["screenId"] = screenId;
                    screens.Add((JsonNode)s);
                }
            }

            flow["screens"] = screens;
            if (references is not null)
            {
                flow["references"] = references;
            }

            flows[id] = flow;
        }

        return flows;
    }

    public static JsonObject? ReadTheme(IReadOnlyDictionary<string, JsonNode?> files)
    {
        foreach (var candidate in new[] { "themes/theme.json", "styles/theme.json", "theme.json" })
        {
            if (files.TryGetValue(candidate, out var theme) && theme is JsonObject t)
            {
                return t;
            }
        }

        return null;
    }
}
