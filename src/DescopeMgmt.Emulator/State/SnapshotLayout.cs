using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// The project snapshot <c>files</c> map (API reference §5), as descopecli writes it:
/// <c>project.json</c>; per flow <c>flows/&lt;id&gt;/metadata.json</c> (v2 metadata plus <c>screens</c> IDs and
/// <c>references</c>), <c>flows/&lt;id&gt;/contents.json</c> and <c>flows/&lt;id&gt;/screen-&lt;screenId&gt;.json</c>;
/// the theme at <c>themes/theme.json</c>. Export then import gives back the same flows.
/// </summary>
internal static class SnapshotLayout
{
    public const string ThemeFile = "themes/theme.json";

    public static JsonObject Export(string projectId, ProjectState state)
    {
        var files = new JsonObject { ["project.json"] = new JsonObject { ["name"] = projectId } };
        foreach (var (id, flow) in state.Flows)
        {
            var metadata = (JsonObject)(flow["metadata"]?.DeepClone() ?? new JsonObject());
            var screenIds = new JsonArray();
            foreach (var screen in flow["screens"] as JsonArray ?? [])
            {
                if (screen is not JsonObject s || s["screenId"]?.GetValue<string>() is not { } screenId)
                {
                    continue;
                }

                screenIds.Add((JsonNode)JsonValue.Create(screenId));
                var content = (JsonObject)s.DeepClone();
                content.Remove("screenId");
                files[$"flows/{id}/screen-{screenId}.json"] = content;
            }

            metadata["screens"] = screenIds;
            if (flow["references"] is { } references)
            {
                metadata["references"] = references.DeepClone();
            }

            files[$"flows/{id}/metadata.json"] = metadata;
            files[$"flows/{id}/contents.json"] = flow["contents"]?.DeepClone() ?? new JsonObject();
        }

        if (state.Theme is { } theme)
        {
            files[ThemeFile] = theme.DeepClone();
        }

        return files;
    }

    /// <summary>The flows and theme a files map holds, plus what is wrong with it.</summary>
    public static (Dictionary<string, JsonObject> Flows, JsonObject? Theme, List<string> Failures) Read(JsonObject files)
    {
        var flows = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (path, value) in files)
        {
            var parts = path.Split('/');
            if (parts.Length != 3 || parts[0] != "flows" || parts[2] != "metadata.json")
            {
                continue;
            }

            var id = parts[1];
            if (value is not JsonObject metadataFile)
            {
                failures.Add($"{path}: expected a JSON object");
                continue;
            }

            if (files[$"flows/{id}/contents.json"] is not JsonObject contents)
            {
                failures.Add($"flows/{id}/contents.json: missing");
                continue;
            }

            var metadata = (JsonObject)metadataFile.DeepClone();
            var screenIds = metadata["screens"] as JsonArray ?? [];
            metadata.Remove("screens");
            var references = metadata["references"]?.DeepClone();
            metadata.Remove("references");
            var screens = new JsonArray();
            foreach (var screenId in screenIds.Select(s => s?.GetValue<string>()).OfType<string>())
            {
                if (files[$"flows/{id}/screen-{screenId}.json"] is not JsonObject screen)
                {
                    failures.Add($"flows/{id}/screen-{screenId}.json: missing");
                    continue;
                }

                var copy = new JsonObject { ["screenId"] = screenId };
                foreach (var (name, node) in screen)
                {
                    copy[name] = node?.DeepClone();
                }

                screens.Add((JsonNode)copy);
            }

            var flow = new JsonObject { ["flowId"] = id, ["metadata"] = metadata, ["contents"] = contents.DeepClone(), ["screens"] = screens };
            if (references is not null)
            {
                flow["references"] = references;
            }

            flows[id] = flow;
        }

        var theme = files[ThemeFile] as JsonObject;
        return (flows, theme is null ? null : (JsonObject)theme.DeepClone(), failures);
    }
}
