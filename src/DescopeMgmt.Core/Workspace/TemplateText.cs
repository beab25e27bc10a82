using System.Text;
using System.Text.RegularExpressions;

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
    public static string Substitute(string text, string file, TemplateValues values, List<WorkspaceProblem> problems)
    {
        var result = new StringBuilder(text.Length);
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            result.Append(text, last, match.Index - last);
            last = match.Index + match.Length;
            if (match.Value == "$${")
            {
                result.Append("${");
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
                continue;
            }

            if (values.Find(name) is not { } found)
            {
                problems.Add(WorkspaceProblem.Error(file, line, column,
                    $"${{{name}}} is not defined: add {name} to the environment's vars in descope.yaml, or set the process variable {TemplateValues.ProcessPrefix}{name}"));
                result.Append(match.Value);
            }
            else if (values.KeyVariableHolding(found.Value) is { } keyVariable)
            {
                // The value itself is never printed: it is a secret.
                problems.Add(WorkspaceProblem.Error(file, line, column,
                    $"${{{name}}} (from {found.Source}) holds the value of the management key in {keyVariable}; a key must never be written into workspace content"));
                result.Append(match.Value);
            }
            else if (found.Value.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                // A line break would move every later line away from the file's own numbering (errors would name
                // the wrong line), and no workspace file keeps one intact: JSON strings refuse it, YAML folds it.
                problems.Add(WorkspaceProblem.Error(file, line, column,
                    $"${{{name}}} (from {found.Source}) holds a line break; a placeholder value must be one line"));
                result.Append(match.Value);
            }
            else
            {
                result.Append(found.Value);
            }
        }

        result.Append(text, last, text.Length - last);
        var substituted = result.ToString();

        // Placeholders that are harmless one by one can spell a key together (${A}${B}).
        if (values.KeyVariableHolding(substituted) is { } assembled && values.KeyVariableHolding(text) is null)
        {
            problems.Add(WorkspaceProblem.Error(file, 1, 1,
                $"the placeholders of this file put together the value of the management key in {assembled}; a key must never be written into workspace content"));
        }

        return substituted;
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
