using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Flows;

/// <summary>A flow read from a file, in the v2 shape, with the ID it will be imported under.</summary>
public sealed record FlowFile(string FlowId, JsonObject Flow, string Path, string SourceFormat);

/// <summary>
/// Reads a flow file in any shape users have: a workspace/descopecli v2 file, the raw v2 API answer
/// <c>{"flow":{...}}</c>, or a v1 console export <c>{"flow":{...,"dsl"},"screens":[...]}</c>.
/// Broken files (invalid JSON, a committed API error body) fail with a message naming the file.
/// </summary>
public static class FlowFileReader
{
    public static FlowFile Read(string path, string? flowIdOverride)
    {
        var (text, failure) = Workspace.WorkspaceFiles.ReadText(path);
        if (failure is not null)
        {
            throw Workspace.WorkspaceFiles.ToError(path, failure);
        }

        return Parse(text!, path, flowIdOverride);
    }

    public static FlowFile Parse(string text, string path, string? flowIdOverride)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: Workspace.CompactJsonReader.Options);
        }
        catch (JsonException ex)
        {
            throw new UserError("invalid_json",
                $"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: not valid JSON: {FirstSentence(ex.Message)}",
                "Fix the file (a merge conflict can leave duplicated lines), or export the flow again with `descope-mgmt flow export`.");
        }

        if (root is not JsonObject document)
        {
            throw new UserError("not_a_flow", $"{path} does not hold a JSON object, so it is not a flow export.", null);
        }

        if (document.ContainsKey("errorCode"))
        {
            throw new UserError("not_a_flow",
                $"{path} holds a Descope API error response ({document["errorCode"]}), not a flow.",
                "The export that produced it failed; export the flow again with `descope-mgmt flow export <id> -o DIR`.");
        }

        var (flow, format) = Normalize(document, path);
        var id = FirstNonEmpty(flowIdOverride, Text(document["flowId"]), Text(flow["flowId"]), Text(document["flow"]?["id"]));
        if (id is null)
        {
            throw new UserError("missing_flow_id", $"{path} does not say which flow it is (no flowId or flow.id).",
                "Pass --flow-id ID.");
        }

        FlowIds.EnsureSafe(id, path);
        flow["flowId"] = id;
        return new FlowFile(id, flow, path, format);
    }

    private static (JsonObject Flow, string Format) Normalize(JsonObject document, string path)
    {
        if (FlowFormats.IsV1(document))
        {
            return (FlowFormats.V1ToV2(document), "v1");
        }

        if (document["flow"] is JsonObject wrapped && FlowFormats.IsV2(wrapped))
        {
            return ((JsonObject)wrapped.DeepClone(), "v2 (API answer)");
        }

        if (FlowFormats.IsV2(document))
        {
            return ((JsonObject)document.DeepClone(), "v2");
        }

        throw new UserError("not_a_flow", $"{path} is neither a v2 flow export (flowId, metadata, contents) nor a v1 export (flow, screens).",
            "Export the flow with `descope-mgmt flow export` or from the Descope console.");
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
