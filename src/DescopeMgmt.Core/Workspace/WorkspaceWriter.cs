using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// What the kinds write workspace files with: canonical JSON, YAML lists sorted by identity, and the
/// atomic write. Fields the service manages (version, etag, createdTime...) are left out so git only
/// shows real edits.
/// </summary>
public static class WorkspaceWriter
{
    /// <summary>The document as a canonical JSON file, server-managed fields left out.</summary>
    public static string JsonText(JsonObject document, ResourceKind kind) => CanonicalJson.Serialize(WithoutServerFields(document, kind));

    /// <summary>
    /// A YAML file holding only <paramref name="key"/> and the list of <paramref name="items"/> (in the
    /// order given), one inline value per field: <paramref name="leading"/> fields first, then the rest by
    /// name; empty and false values left out, as the service omits them.
    /// </summary>
    public static string YamlListText(string header, string key, IEnumerable<JsonObject> items, ResourceKind kind, params string[] leading)
    {
        var list = items.ToList();
        var yaml = new StringBuilder("# ").Append(header).Append(" (placeholders are substituted per environment).\n")
            .Append(list.Count == 0 ? $"{key}: []\n" : $"{key}:\n");
        foreach (var item in list)
        {
            var first = true;
            foreach (var (field, value) in WithoutServerFields(item, kind)
                .OrderBy(p => Array.IndexOf(leading, p.Key) is var at and >= 0 ? at : leading.Length)
                .ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                if (value is null || IsEmpty(value))
                {
                    continue;
                }

                yaml.Append(first ? "  - " : "    ").Append(field).Append(": ").Append(Inline(value)).Append('\n');
                first = false;
            }
        }

        return yaml.ToString();
    }

    /// <summary>
    /// Writes a file the user named or owns (a workspace file, an export, a saved plan) by replacing it
    /// atomically. Replacing means renaming over the path, which must therefore be a plain file or
    /// nothing: renaming over <c>/dev/full</c> (as root) would replace the device, over a link the link.
    /// </summary>
    public static void Write(string path, string text)
    {
        if (WorkspaceFiles.ReplaceProblem(path) is { } problem)
        {
            throw new UserError("output_not_a_file", $"Not writing {path}: it {problem}.", "Give the path of a regular file or of a file that does not exist yet.");
        }

        AtomicFile.WriteAllText(path, text, isPrivate: false);
    }

    /// <summary>YAML is a superset of JSON, so compact JSON is a valid, unambiguous inline YAML value.</summary>
    public static string Inline(JsonNode value) => value.ToJsonString();

    public static bool IsEmpty(JsonNode value) => value switch
    {
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        _ => false,
    };

    /// <summary>A copy of <paramref name="document"/> without the fields the service manages (the kind's ignored paths).</summary>
    public static JsonObject WithoutServerFields(JsonObject document, ResourceKind kind)
    {
        var copy = (JsonObject)document.DeepClone();
        foreach (var path in kind.Diff.IgnoredPaths)
        {
            var parts = path.Split('.');
            var parent = parts.Length == 1 ? copy : copy[parts[0]] as JsonObject;
            parent?.Remove(parts[^1]);
        }

        return copy;
    }
}
