using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DescopeMgmt.Core.Planning;

/// <summary>
/// Field-level comparison of two documents. Key order and formatting never count; objects recurse by
/// key, arrays by position except arrays of screens (matched by <c>screenId</c>) so one inserted screen
/// reads as one change, not a cascade. Nulls (and, where the options say so, zero values) count as
/// absent. It allocates only for differences: a plan of hundreds of unchanged flows walks them once.
/// </summary>
public static partial class JsonDiff
{
    private const int IgnoredPathDepth = 2;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainKey();

    /// <param name="sameTopLevel">Optional: for a top-level property name, whether both sides are known to be
    /// equal (true), known to differ (false) or unknown (null), from raw elements the caller already holds.</param>
    public static IReadOnlyList<PropertyChange> Compare(JsonNode? live, JsonNode? desired, DiffOptions options, Func<string, bool?>? sameTopLevel = null)
    {
        var walker = new Walker(options, sameTopLevel);
        walker.Walk(live, desired);
        return walker.Changes.OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
    }

    public static string Child(string path, string key) =>
        PlainKey().IsMatch(key) ? (path.Length == 0 ? key : $"{path}.{key}") : $"{path}[\"{key}\"]";

    private sealed class Walker(DiffOptions options, Func<string, bool?>? sameTopLevel)
    {
        private readonly List<string> _segments = [];

        public List<PropertyChange> Changes { get; } = [];

        public void Walk(JsonNode? live, JsonNode? desired)
        {
            if (_segments.Count is > 0 and <= IgnoredPathDepth && options.IgnoredPaths.Contains(Path()))
            {
                return;
            }

            var liveAbsent = IsAbsent(live);
            var desiredAbsent = IsAbsent(desired);
            if (liveAbsent || desiredAbsent)
            {
                if (!liveAbsent)
                {
                    Changes.Add(new PropertyChange(Path(), ChangeKind.Removed, live, null));
                }
                else if (!desiredAbsent)
                {
                    Changes.Add(new PropertyChange(Path(), ChangeKind.Added, null, desired));
                }

                return;
            }

            if (_segments.Count == 1 && live is JsonObject or JsonArray && !options.IgnoredPaths.Any(p => p.StartsWith(Path() + ".", StringComparison.Ordinal))
                && (sameTopLevel?.Invoke(Path()) ?? ElementEquality.SameJson(live, desired!)))
            {
                return;
            }

            switch (live, desired)
            {
                case (JsonObject a, JsonObject b):
                    foreach (var (key, value) in a)
                    {
                        Descend(key, value, b[key]);
                    }

                    foreach (var (key, value) in b)
                    {
                        if (!a.ContainsKey(key))
                        {
                            Descend(key, null, value);
                        }
                    }

                    return;
                case (JsonArray a, JsonArray b) when a.Count + b.Count > 0 && IsKeyedByScreenId(a) && IsKeyedByScreenId(b):
                    var left = ById(a);
                    var right = ById(b);
                    foreach (var (id, screen) in left)
                    {
                        DescendIndexed($"[\"{id}\"]", screen, right.GetValueOrDefault(id));
                    }

                    foreach (var (id, screen) in right)
                    {
                        if (!left.ContainsKey(id))
                        {
                            DescendIndexed($"[\"{id}\"]", null, screen);
                        }
                    }

                    return;
                case (JsonArray a, JsonArray b):
                    for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                    {
                        DescendIndexed($"[{i}]", i < a.Count ? a[i] : null, i < b.Count ? b[i] : null);
                    }

                    return;
                default:
                    if (!JsonNode.DeepEquals(live, desired))
                    {
                        Changes.Add(new PropertyChange(Path(), ChangeKind.Modified, live, desired));
                    }

                    return;
            }
        }

        private void Descend(string key, JsonNode? live, JsonNode? desired)
        {
            _segments.Add(PlainKey().IsMatch(key) ? "." + key : $"[\"{key}\"]");
            Walk(live, desired);
            _segments.RemoveAt(_segments.Count - 1);
        }

        private void DescendIndexed(string segment, JsonNode? live, JsonNode? desired)
        {
            _segments.Add(segment);
            Walk(live, desired);
            _segments.RemoveAt(_segments.Count - 1);
        }

        private string Path() => string.Concat(_segments).TrimStart('.');

        private bool IsAbsent(JsonNode? node) => node switch
        {
            null => true,
            JsonArray a => options.ZeroValuesAreAbsent && a.Count == 0,
            JsonObject o => options.ZeroValuesAreAbsent && o.Count == 0,
            JsonValue v when options.ZeroValuesAreAbsent && v.TryGetValue<bool>(out var b) => !b,
            JsonValue v when options.ZeroValuesAreAbsent && v.TryGetValue<string>(out var s) => s.Length == 0,
            _ => false,
        };

        private static bool IsKeyedByScreenId(JsonArray array) =>
            array.All(n => n is JsonObject o && o["screenId"] is JsonValue v && v.TryGetValue<string>(out _));

        private static Dictionary<string, JsonNode> ById(JsonArray array)
        {
            var result = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            foreach (var node in array)
            {
                result.TryAdd(node!["screenId"]!.GetValue<string>(), node);
            }

            return result;
        }
    }
}
