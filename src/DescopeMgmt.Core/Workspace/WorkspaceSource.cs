using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// What a kind reads its workspace file with: the folder, the template values of the environment, and the
/// list every problem goes to. The YAML helpers keep the one rule of every list file: a file that does not
/// parse, is empty or holds another shape is a problem, never "no items".
/// </summary>
public sealed class WorkspaceSource(string root, TemplateValues values, List<WorkspaceProblem> problems)
{
    public string Root => root;

    public TemplateValues Values => values;

    public List<WorkspaceProblem> Problems => problems;

    /// <summary>What descope.yaml manages, for kinds whose files must name only managed items (<c>sso/&lt;tenantId&gt;.yaml</c>).</summary>
    public ManageConfig Manage { get; init; } = ManageConfig.Default;

    private readonly HashSet<YamlNode> placeholders = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether anything (file, folder, device) is at the workspace-relative path.</summary>
    public bool Exists(string file)
    {
        var path = Path.Combine(root, file);
        return File.Exists(path) || Directory.Exists(path);
    }

    /// <summary>Whether the scalar was written as exactly one <c>${NAME}</c> (a sensitive field must be), in a file read by <see cref="ReadMapping"/>.</summary>
    public bool IsPlaceholder(YamlNode node) => placeholders.Contains(node);

    public void Error(string file, YamlNode? node, string message) =>
        problems.Add(WorkspaceProblem.Error(file, node is null ? null : YamlNodes.Line(node), node is null ? null : YamlNodes.Column(node), message));

    /// <summary>
    /// The file's top-level mapping, placeholders substituted; null with the problem recorded when it cannot
    /// be read, does not parse, is empty (<paramref name="whenEmpty"/> says what to write instead) or is not
    /// a mapping (<paramref name="expected"/>).
    /// </summary>
    public YamlMappingNode? ReadMapping(string file, string whenEmpty, string expected)
    {
        var (raw, failure) = WorkspaceFiles.ReadText(Path.Combine(root, file));
        if (failure is not null)
        {
            problems.Add(WorkspaceProblem.Error(file, failure.Line, null, failure.Message));
            return null;
        }

        var problemsBefore = problems.Count;
        var top = TemplateText.ParseYaml(raw!, file, values, problems, placeholders);
        if (top is null || YamlNodes.IsNull(top))
        {
            if (problems.Count == problemsBefore)
            {
                // Deleting every live item because the file was emptied by mistake is what this prevents.
                problems.Add(WorkspaceProblem.Error(file, 1, 1, $"is empty or holds only comments: {whenEmpty}"));
            }

            return null;
        }

        if (top is not YamlMappingNode map)
        {
            Error(file, top, expected);
            return null;
        }

        return map;
    }

    /// <summary>
    /// The entries of a file holding only <c>key:</c> and a list (<c>roles: [...]</c>); null with the
    /// problem recorded otherwise. Each entry must be a mapping; others are reported and left out.
    /// </summary>
    public IReadOnlyList<YamlMappingNode>? ReadList(string file, string key, string noun, string itemNoun)
    {
        var expected = $"expected only '{key}:' followed by a list of {noun} (`{key}: []` for none)";
        if (ReadMapping(file, $"write `{key}: []` to manage no {noun}, or delete the file to leave {noun} unmanaged", expected) is not { } map)
        {
            return null;
        }

        var listNode = map.Children.FirstOrDefault(p => YamlNodes.Scalar(p.Key) == key).Value;
        if (map.Children.Count != 1 || listNode is null)
        {
            Error(file, map, expected);
            return null;
        }

        if (listNode is not YamlSequenceNode list)
        {
            Error(file, listNode, $"'{key}' must be a list of {noun}, each a mapping of fields (`{key}: []` for none)");
            return null;
        }

        var entries = new List<YamlMappingNode>();
        foreach (var item in list.Children)
        {
            if (item is YamlMappingNode entry)
            {
                entries.Add(entry);
            }
            else
            {
                Error(file, item, $"each {itemNoun} must be a mapping of fields, not an empty or plain entry");
            }
        }

        return entries;
    }

    /// <summary>The JSON file at <paramref name="path"/> (shown as <paramref name="file"/>) as a compact element, placeholders substituted; null with the problem recorded.</summary>
    internal JsonElement? ReadJson(string path, string file, CompactJsonReader reader)
    {
        if (reader.Read(path) is { } failure)
        {
            problems.Add(WorkspaceProblem.Error(file, failure.Line, null, failure.Message));
            return null;
        }

        // Most flow files hold no placeholder: parse their bytes directly instead of decoding,
        // substituting and re-encoding tens of megabytes of text for a large workspace.
        var bytes = reader.Bytes;
        try
        {
            if (bytes.Span.IndexOf("${"u8) >= 0)
            {
                bytes = System.Text.Encoding.UTF8.GetBytes(TemplateText.Substitute(System.Text.Encoding.UTF8.GetString(bytes.Span), file, values, problems));
            }

            return reader.Parse(bytes);
        }
        catch (JsonException ex)
        {
            // Duplicate keys (a git merge that left a line twice) and nesting deeper than the limit are refused by the parser itself.
            problems.Add(WorkspaceProblem.Error(file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"invalid JSON: {FirstSentence(ex.Message)}"));
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
