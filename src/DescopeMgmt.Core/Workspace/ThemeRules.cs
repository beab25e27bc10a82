using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Workspace;

/// <summary>One thing wrong with a theme document, at a dotted path inside it (empty for the whole document).</summary>
public sealed record ThemeProblem(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>
/// The v2 theme shape <c>{componentsVersion, styles: {light: {...}, dark: {...}}, references}</c>,
/// checked before a theme replaces the live one: importing any other JSON object would replace the
/// project's theme with something the console cannot render.
/// </summary>
public static class ThemeRules
{
    private static readonly HashSet<string> KnownKeys = ["componentsVersion", "styles", "references"];

    // Fields the service adds to what it returns; a theme exported with them imports unchanged.
    private static readonly HashSet<string> ServerKeys = ["id", "version", "etag", "modifiedTime"];

    /// <summary>Every problem of <paramref name="theme"/> as a v2 theme; empty when it is one.</summary>
    public static IReadOnlyList<ThemeProblem> Problems(JsonNode? theme)
    {
        var problems = new List<ThemeProblem>();
        if (theme is not JsonObject document)
        {
            problems.Add(new ThemeProblem("", $"a theme is a JSON object with styles, not {JsonKinds.Describe(theme)}"));
            return problems;
        }

        if (document.ContainsKey("cssTemplate"))
        {
            problems.Add(new ThemeProblem("", "this is a v1 theme ({id, cssTemplate}); export the theme again with `descope-mgmt theme export` for the v2 shape (componentsVersion, styles)"));
            return problems;
        }

        if (document.Count == 1 && document["theme"] is JsonObject)
        {
            problems.Add(new ThemeProblem("", "this is an API answer {\"theme\": {...}}: the theme is the object inside it"));
            return problems;
        }

        foreach (var key in document.Select(p => p.Key).Where(k => !KnownKeys.Contains(k) && !ServerKeys.Contains(k)))
        {
            problems.Add(new ThemeProblem(key, "unknown key (a v2 theme has componentsVersion, styles and references)"));
        }

        if (document.TryGetPropertyValue("componentsVersion", out var version)
            && !(version is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0))
        {
            problems.Add(new ThemeProblem("componentsVersion", $"must be a version text such as \"2.0.295\", not {JsonKinds.Describe(version)}"));
        }

        if (!document.TryGetPropertyValue("styles", out var styles))
        {
            problems.Add(new ThemeProblem("styles", "is missing: a v2 theme holds its styles per mode, e.g. {\"light\": {...}, \"dark\": {...}}"));
        }
        else if (styles is not JsonObject modes)
        {
            problems.Add(new ThemeProblem("styles", $"must be an object of modes (light, dark), not {JsonKinds.Describe(styles)}"));
        }
        else
        {
            foreach (var (mode, style) in modes)
            {
                if (style is not JsonObject)
                {
                    problems.Add(new ThemeProblem($"styles.{mode}", $"must be an object of style settings, not {JsonKinds.Describe(style)}"));
                }
            }
        }

        if (document.TryGetPropertyValue("references", out var references) && references is not JsonObject)
        {
            problems.Add(new ThemeProblem("references", $"must be an object, not {JsonKinds.Describe(references)}"));
        }

        return problems;
    }
}

/// <summary>How a JSON value is named in messages ("null", "a list", "a number").</summary>
internal static class JsonKinds
{
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "a list",
        JsonObject => "an object",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a text",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "a value",
    };

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "null",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a text",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
