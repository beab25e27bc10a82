using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DescopeMgmt.Core.Planning;

/// <summary>
/// Field-level comparison of two documents. Key order and formatting never count; objects recurse by
/// key, arrays by position except arrays of screens (matched by <c>screenId</c>) so one inserted screen
/// reads as one change, not a cascade.
/// </summary>
public static partial class JsonDiff
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainKey();

    public static IReadOnlyList<PropertyChange> Compare(JsonNode? live, JsonNode? desired, DiffOptions options)
    {
        var changes = new List<PropertyChange>();
        Walk("", Normalize(live, options), Normalize(desired, options), options, changes);
        return changes;
    }

    public static string Child(string path, string key) =>
        PlainKey().IsMatch(key) ? (path.Length == 0 ? key : $"{path}.{key}") : $"{path}[\"{key}\"]";

    private static void Walk(string path, JsonNode? live, JsonNode? desired, DiffOptions options, List<PropertyChange> changes)
    {
        if (options.IgnoredPaths.Contains(path))
        {
            return;
        }

        switch (live, desired)
        {
            case (null, null):
                return;
            case (null, _):
                changes.Add(new PropertyChange(path, ChangeKind.Added, null, desired));
                return;
            case (_, null):
                changes.Add(new PropertyChange(path, ChangeKind.Removed, live, null));
                return;
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Walk(Child(path, key), a[key], b[key], options, changes);
                }

                return;
            case (JsonArray a, JsonArray b) when IsKeyedBy(a, b, "screenId"):
                var left = a.OfType<JsonObject>().ToDictionary(s => s["screenId"]!.GetValue<string>(), StringComparer.Ordinal);
                var right = b.OfType<JsonObject>().ToDictionary(s => s["screenId"]!.GetValue<string>(), StringComparer.Ordinal);
                foreach (var key in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
                {
                    Walk($"{path}[\"{key}\"]", left.GetValueOrDefault(key), right.GetValueOrDefault(key), options, changes);
                }

                return;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    Walk($"{path}[{i}]", i < a.Count ? a[i] : null, i < b.Count ? b[i] : null, options, changes);
                }

                return;
            default:
                if (!JsonNode.DeepEquals(live, desired))
                {
                    changes.Add(new PropertyChange(path, ChangeKind.Modified, live, desired));
                }

                return;
        }
    }

    private static bool IsKeyedBy(JsonArray a, JsonArray b, string key) =>
        a.Concat(b).All(n => n is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out _))
        && a.Concat(b).Any();

    /// <summary>Drops nulls (and zero values where they mean "absent") so they never show as changes.</summary>
    private static JsonNode? Normalize(JsonNode? node, DiffOptions options)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var normalized = Normalize(value, options);
                    if (normalized is not null && !(options.ZeroValuesAreAbsent && IsZero(normalized)))
                    {
                        copy[key] = normalized;
                    }
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => Normalize(item, options)).ToArray());
            default:
                return node.DeepClone();
        }
    }

    private static bool IsZero(JsonNode node) => node switch
    {
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        _ => false,
    };
}
