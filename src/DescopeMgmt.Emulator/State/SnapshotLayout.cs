using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// The project snapshot <c>files</c> map, as descopecli writes it:
/// <c>project.json</c>; per flow <c>flows/&lt;id&gt;/metadata.json</c> (v2 metadata plus <c>screens</c> IDs and
/// <c>references</c>), <c>flows/&lt;id&gt;/contents.json</c> and <c>flows/&lt;id&gt;/screen-&lt;screenId&gt;.json</c>;
/// the theme at <c>themes/theme.json</c>. Export then import gives back the same flows.
/// </summary>
internal static class SnapshotLayout
{
    public const string ThemeFile = "themes/theme.json";

    private static readonly string[] TextExtensions = [".txt", ".html"];
    private static readonly string[] BinaryExtensions = [".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif", ".ico"];

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

    /// <summary>
    /// The flows and theme a files map holds, plus every file that is wrong with it (validate reports them,
    /// import refuses the whole map when there is any, so nothing malformed is ever stored).
    /// </summary>
    public static (Dictionary<string, JsonObject> Flows, JsonObject? Theme, List<string> Failures) Read(JsonObject files)
    {
        var failures = new List<string>();
        foreach (var (path, value) in files)
        {
            if (CheckFile(path, value) is { } failure)
            {
                failures.Add($"{path}: {failure}");
            }
        }

        var flows = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var id in FlowIds(files))
        {
            if (ReadFlow(files, id, failures) is { } flow)
            {
                flows[id] = flow;
            }
        }

        var theme = files[ThemeFile] as JsonObject;
        return (flows, theme is null ? null : (JsonObject)theme.DeepClone(), failures);
    }

    /// <summary>What is wrong with one entry by its path and value alone, or null.</summary>
    private static string? CheckFile(string path, JsonNode? value)
    {
        var parts = path.Split('/');
        if (path.Length == 0 || path.Contains('\\', StringComparison.Ordinal) || parts.Any(p => p.Length == 0 || p is "." or ".."))
        {
            return "not a valid relative file path";
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".json")
        {
            return value is JsonObject ? null : $"expected a JSON object, got {Describe(value)}";
        }

        var isText = TextExtensions.Contains(extension);
        if (!isText && !BinaryExtensions.Contains(extension))
        {
            return $"unsupported file type '{extension}'";
        }

        if (value is not JsonValue text || text.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return $"expected a string, got {Describe(value)}";
        }

        return isText || Convert.TryFromBase64String(text.GetValue<string>(), new byte[text.GetValue<string>().Length], out _)
            ? null
            : "expected base64 content";
    }

    private static IEnumerable<string> FlowIds(JsonObject files) =>
        files.Select(f => f.Key.Split('/')).Where(p => p.Length >= 3 && p[0] == "flows" && p[1].Length > 0 && p[1] is not "." and not "..").Select(p => p[1]).Distinct(StringComparer.Ordinal);

    private static JsonObject? ReadFlow(JsonObject files, string id, List<string> failures)
    {
        var prefix = $"flows/{id}/";
        var metadataPath = prefix + "metadata.json";
        var contentsPath = prefix + "contents.json";
        var flowFiles = files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(f => f.Key).ToList();
        foreach (var path in flowFiles)
        {
            var name = path[prefix.Length..];
            if (name.Contains('/', StringComparison.Ordinal) || (name is not "metadata.json" and not "contents.json" && !IsScreenFile(name)))
            {
                failures.Add($"{path}: not a flow file (expected metadata.json, contents.json or screen-<screenId>.json)");
            }
        }

        if (!files.ContainsKey(metadataPath))
        {
            failures.Add($"{metadataPath}: missing");
        }

        if (!files.ContainsKey(contentsPath))
        {
            failures.Add($"{contentsPath}: missing");
        }

        if (files[metadataPath] is not JsonObject metadataFile || files[contentsPath] is not JsonObject contents)
        {
            return null;
        }

        var metadata = (JsonObject)metadataFile.DeepClone();
        var screenIds = new List<string>();
        switch (metadata["screens"])
        {
            case null:
                break;
            case JsonArray array when array.All(s => s is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String):
                screenIds.AddRange(array.Select(s => s!.GetValue<string>()));
                break;
            default:
                failures.Add($"{metadataPath}: \"screens\" must be an array of screen IDs");
                return null;
        }

        metadata.Remove("screens");
        var references = metadata["references"]?.DeepClone();
        metadata.Remove("references");
        foreach (var unlisted in flowFiles.Select(p => p[prefix.Length..]).Where(IsScreenFile)
            .Where(n => !screenIds.Contains(n["screen-".Length..^".json".Length], StringComparer.Ordinal)))
        {
            failures.Add($"{prefix}{unlisted}: not listed in {metadataPath} \"screens\"");
        }

        var screens = new JsonArray();
        foreach (var screenId in screenIds)
        {
            if (files[$"{prefix}screen-{screenId}.json"] is not JsonObject screen)
            {
                if (!files.ContainsKey($"{prefix}screen-{screenId}.json"))
                {
                    failures.Add($"{prefix}screen-{screenId}.json: missing");
                }

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

        return flow;
    }

    private static bool IsScreenFile(string name) =>
        name.Length > "screen-.json".Length && name.StartsWith("screen-", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "a string",
            System.Text.Json.JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
        _ => "an unknown value",
    };
}
