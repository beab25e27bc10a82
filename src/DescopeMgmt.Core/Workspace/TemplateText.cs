using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// <c>${NAME}</c> substitution for workspace files, with values from <see cref="TemplateValues"/>.
/// <c>$${</c> is a literal <c>${</c>. Handlebars <c>{{...}}</c> is never touched.
/// </summary>
public static partial class TemplateText
{
    // The last alternative is any other ${: an unterminated ${NAME or a name that is not one. It is an
    // error at its own line, instead of text that silently reaches live or breaks the parse further down.
    [GeneratedRegex(@"\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<!\$)\$\{[A-Za-z_][A-Za-z0-9_]*\}")]
    private static partial Regex AnyPlaceholder();

    public static bool ContainsPlaceholders(string text) => AnyPlaceholder().IsMatch(text);

    /// <summary>Makes every <c>${</c> literal (<c>$${</c>), for live content written into a workspace file.</summary>
    public static string Escape(string text) => text.Replace("${", "$${", StringComparison.Ordinal);

    /// <summary>Substitutes every placeholder; each undefined name, or value that is a management key, becomes a problem at its line and column.</summary>
    public static string Substitute(string text, string file, TemplateValues values, List<WorkspaceProblem> problems) =>
        Substitute(text, file, values, problems, null);

    /// <summary>
    /// The YAML file's root node with every placeholder's value put into the scalar that holds it, after parsing: a
    /// value is data whatever it holds, so a secret such as <c>*x</c>, <c>#x</c> or <c>a: b</c> can neither change the
    /// file's structure (an alias, a comment, a mapping) nor be quoted back by a parse error. Before parsing each
    /// placeholder is a token of private-use characters (padded to the placeholder's length, so positions the parser
    /// reports stay those of the file) that is plain text in every YAML context, flow collections included.
    /// <paramref name="placeholders"/> receives each scalar written as exactly one <c>${NAME}</c>.
    /// </summary>
    internal static YamlNode? ParseYaml(string text, string file, TemplateValues values, List<WorkspaceProblem> problems, ISet<YamlNode> placeholders)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return YamlNodes.Parse(text, file, problems);
        }

        var tokens = new YamlTokens(text);
        var root = YamlNodes.Parse(Substitute(text, file, values, problems, tokens), file, problems);
        if (root is not null)
        {
            tokens.Fill(root, file, problems, placeholders);
        }

        return root;
    }

    private static string Substitute(string text, string file, TemplateValues values, List<WorkspaceProblem> problems, YamlTokens? tokens)
    {
        var result = new StringBuilder(text.Length);
        var full = tokens is null ? result : new StringBuilder(text.Length);
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            result.Append(text, last, match.Index - last);
            if (tokens is not null)
            {
                full.Append(text, last, match.Index - last);
            }

            last = match.Index + match.Length;
            if (match.Value == "$${")
            {
                result.Append("${");
                if (tokens is not null)
                {
                    full.Append("${");
                }

                continue;
            }

            var name = match.Groups[1].Value;
            var (line, column) = Position(text, match.Index);
            if (!match.Groups[1].Success)
            {
                var end = text.IndexOfAny(['\n', '\r', '"', '\'', ' '], match.Index);
                var shown = text[match.Index..(end < 0 ? text.Length : Math.Min(end, match.Index + 40))];
                problems.Add(WorkspaceProblem.Error(file, line, column,
                    $"'{shown}' is not a placeholder: write ${{NAME}} (letters, digits and _, closed by }}), or $${{ for a literal ${{"));
                result.Append(match.Value);
                if (tokens is not null)
                {
                    full.Append(match.Value);
                }

                continue;
            }

            string value;

            if (values.Find(name) is not { } found)
            {
                problems.Add(WorkspaceProblem.Error(file, line, column,
                    $"${{{name}}} is not defined: add {name} to the environment's vars in descope.yaml, or set the process variable {TemplateValues.ProcessPrefix}{name}"));
                value = match.Value;
            }
            else if (values.KeyVariableHolding(found.Value) is { } keyVariable)
            {
                // The value itself is never printed: it is a secret.
                problems.Add(WorkspaceProblem.Error(file, line, column,
                    $"${{{name}}} (from {found.Source}) holds the value of the management key in {keyVariable}; a key must never be written into workspace content"));
                value = match.Value;
            }
            else if (found.Value.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                // A line break would move every later line away from the file's own numbering (errors would name
                // the wrong line), and no workspace file keeps one intact: JSON strings refuse it, YAML folds it.
                problems.Add(WorkspaceProblem.Error(file, line, column,
                    $"${{{name}}} (from {found.Source}) holds a line break; a placeholder value must be one line"));
                value = match.Value;
            }
            else
            {
                value = found.Value;
            }

            if (tokens is null)
            {
                result.Append(value);
            }
            else
            {
                result.Append(tokens.Add(value, match.Length));
                full.Append(value);
            }
        }

        result.Append(text, last, text.Length - last);
        if (tokens is not null)
        {
            full.Append(text, last, text.Length - last);
        }

        var substituted = full.ToString();

        // Placeholders that are harmless one by one can spell a key together (${A}${B}).
        if (values.KeyVariableHolding(substituted) is { } assembled && values.KeyVariableHolding(text) is null)
        {
            problems.Add(WorkspaceProblem.Error(file, 1, 1,
                $"the placeholders of this file put together the value of the management key in {assembled}; a key must never be written into workspace content"));
        }

        return result.ToString();
    }

    /// <summary>The variable a <c>managementKey: ${VAR}</c> names, or null when the value is not exactly one placeholder.</summary>
    public static string? SingleVariable(string value)
    {
        var match = Placeholder().Match(value.Trim());
        return match.Success && match.Index == 0 && match.Length == value.Trim().Length && match.Groups[1].Success ? match.Groups[1].Value : null;
    }

    public static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
