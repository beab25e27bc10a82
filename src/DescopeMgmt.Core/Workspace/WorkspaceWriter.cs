using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// Writes live items as workspace files: canonical JSON for flows and the theme, tenants.yaml sorted by
/// ID; fields the service manages (version, etag, createdTime...) are left out so git only shows real edits.
/// </summary>
public static class WorkspaceWriter
{
    public static string FlowText(JsonObject flow) => CanonicalJson.Serialize(WithoutServerFields(flow, ResourceType.Flow));

    public static string ThemeText(JsonObject theme) => CanonicalJson.Serialize(WithoutServerFields(theme, ResourceType.Theme));

    public static string TenantsText(IEnumerable<JsonObject> tenants)
    {
        var sorted = tenants.OrderBy(t => t["id"]?.ToString(), StringComparer.Ordinal).ToList();
        var yaml = new StringBuilder("# Tenants managed by descope-mgmt (placeholders are substituted per environment).\n")
            .Append(sorted.Count == 0 ? "tenants: []\n" : "tenants:\n");
        foreach (var tenant in sorted)
        {
            var first = true;
            foreach (var (key, value) in WithoutServerFields(tenant, ResourceType.Tenant).OrderBy(p => p.Key == "id" ? "" : p.Key == "name" ? " " : p.Key, StringComparer.Ordinal))
            {
                if (value is null || IsEmpty(value))
                {
                    continue;
                }

                yaml.Append(first ? "  - " : "    ").Append(key).Append(": ").Append(Inline(value)).Append('\n');
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
    private static string Inline(JsonNode value) => value.ToJsonString();

    private static bool IsEmpty(JsonNode value) => value switch
    {
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        _ => false,
    };

    private static JsonObject WithoutServerFields(JsonObject document, ResourceType type)
    {
        var copy = (JsonObject)document.DeepClone();
        foreach (var path in DiffOptions.For(type).IgnoredPaths)
        {
            var parts = path.Split('.');
            var parent = parts.Length == 1 ? copy : copy[parts[0]] as JsonObject;
            parent?.Remove(parts[^1]);
        }

        return copy;
    }
}
