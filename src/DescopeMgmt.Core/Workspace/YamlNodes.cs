using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// YAML through YamlDotNet's representation model (a parser, no reflection: NativeAOT-safe), keeping
/// line numbers for messages. Plain scalars become JSON booleans, numbers or null; quoted ones stay strings.
/// Anchors and aliases are refused: a self-referencing alias would overflow the stack and nested ones
/// expand exponentially, and configuration gains nothing from them that a reviewer could still read.
/// </summary>
internal static class YamlNodes
{
    public static YamlNode? Parse(string text, string file, List<WorkspaceProblem> problems)
    {
        try
        {
            var stream = new YamlStream();
            var parser = new GuardedParser(new Parser(new StringReader(text)));
            stream.Load(parser);
            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode;
                problems.Add(WorkspaceProblem.Error(file, Line(second), null, "the file holds more than one YAML document ('---'); keep one"));
                return null;
            }

            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex) when (TabAfter(text, (int)ex.Start.Line) is { } tab && Reason(ex).Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            // The parser names where the scalar it was reading began, often the line above; the user needs the tab's own line.
            problems.Add(WorkspaceProblem.Error(file, tab.Line, tab.Column, "invalid YAML: a tab character where YAML needs spaces (indent with spaces only)"));
            return null;
        }
        catch (YamlException ex)
        {
            problems.Add(WorkspaceProblem.Error(file, Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column), $"invalid YAML: {Reason(ex)}"));
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // The parser's own failures that are not YamlExceptions are still about this file, never a bug report.
            problems.Add(WorkspaceProblem.Error(file, null, null, $"invalid YAML: {ex.Message}"));
            return null;
        }
    }

    /// <summary>The first tab in a line's indentation (or a blank line) at or after <paramref name="fromLine"/> (1-based).</summary>
    private static (int Line, int Column)? TabAfter(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indentation)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    /// <summary>The parser's message without the "(Line: .., Col: ..) - (..): " prefix: the location is printed already.</summary>
    private static string Reason(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        var prefixEnd = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return prefixEnd >= 0 ? message[(prefixEnd + 3)..] : message;
    }

    public static int Line(YamlNode node) => (int)node.Start.Line;

    public static int Column(YamlNode node) => (int)node.Start.Column;

    public static string? Scalar(YamlNode? node) => node is YamlScalarNode s ? s.Value : null;

    /// <summary>A plain scalar YAML reads as null: nothing, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s
            && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>
    /// The one boolean rule of every workspace file: YAML 1.2's plain <c>true</c>/<c>false</c> (any case
    /// of the three spellings it allows). YAML 1.1's yes/no/on/off are refused, since other tools read them
    /// as text, and a quoted "true" is text: a value means one thing whoever reads it.
    /// </summary>
    public static bool? Boolean(YamlNode? node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
            ? s.Value switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ => null,
            }
            : null;

    /// <summary>The first key of a mapping, at any depth, that is not a plain text (a list or mapping used as a key), or null.</summary>
    public static YamlNode? NonScalarKey(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Select(p => p.Key is YamlScalarNode ? NonScalarKey(p.Value) : p.Key).FirstOrDefault(k => k is not null),
        YamlSequenceNode seq => seq.Children.Select(NonScalarKey).FirstOrDefault(k => k is not null),
        _ => null,
    };

    /// <summary>The node as JSON; callers refuse <see cref="NonScalarKey"/> first, which has no JSON form.</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => ToJsonObject(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => null,
    };

    private static JsonObject ToJsonObject(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            result[Scalar(key) ?? ""] = ToJson(value);
        }

        return result;
    }

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        if (IsNull(scalar))
        {
            return null;
        }

        if (Boolean(scalar) is { } flag)
        {
            return JsonValue.Create(flag);
        }

        return value switch
        {
            _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && value.Any(char.IsDigit) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }

    /// <summary>Passes the parser's events on, refusing anchors, aliases and nesting deeper than <see cref="WorkspaceFiles.MaxDepth"/>.</summary>
    private sealed class GuardedParser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            var current = inner.Current!;
            switch (current)
            {
                case AnchorAlias alias:
                    throw new YamlException(current.Start, current.End, $"alias '*{alias.Value}' is not allowed in workspace files: write the value out");
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    throw new YamlException(current.Start, current.End, $"anchor '&{anchored.Anchor}' is not allowed in workspace files: write the value out");
                case MappingStart or SequenceStart when ++_depth > WorkspaceFiles.MaxDepth:
                    throw new YamlException(current.Start, current.End, $"nesting is deeper than {WorkspaceFiles.MaxDepth} levels");
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }
}
