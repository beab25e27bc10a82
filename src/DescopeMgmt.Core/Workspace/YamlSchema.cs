using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>The type a workspace field must have.</summary>
public enum FieldType
{
    Text,
    Boolean,
    Integer,
    TextList,
    Mapping,

    /// <summary>A list of mappings (SSO role mappings); each entry's own fields are checked by the kind.</summary>
    MappingList,
}

/// <summary>
/// The fields of one entry of a workspace YAML file and their types, the one list a kind keeps of what
/// its API writes. An entry becomes the document apply sends; a value of the wrong type is an error at its
/// line when the workspace is validated, never a deserializer failure in the middle of an apply, and an
/// unknown field (often a typo such as enforceSso) is an error too: it could never be applied and would
/// show as a difference on every plan.
/// </summary>
public sealed class YamlSchema(string noun, IReadOnlyDictionary<string, FieldType> fields)
{
    public IEnumerable<string> Names => fields.Keys;

    public bool Has(string field) => fields.ContainsKey(field);

    public JsonObject ToDocument(YamlMappingNode entry, string file, List<WorkspaceProblem> problems)
    {
        var document = new JsonObject();
        foreach (var (keyNode, valueNode) in entry.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(keyNode), YamlNodes.Column(keyNode), $"a {noun} field name must be a plain word"));
                continue;
            }

            if (!fields.TryGetValue(key, out var type))
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(keyNode), YamlNodes.Column(keyNode),
                    $"unknown field '{key}' for a {noun} (known: {string.Join(", ", fields.Keys)}); the API has no such field"));
                continue;
            }

            // An empty value means "not set", as it does for the service's defaults.
            if (YamlNodes.IsNull(valueNode))
            {
                continue;
            }

            if (YamlNodes.NonScalarKey(valueNode) is { } badKey)
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(badKey), YamlNodes.Column(badKey), $"{key}: a key must be a plain text, not a list or a mapping"));
                continue;
            }

            if (Convert(valueNode, type) is { } value)
            {
                document[key] = value;
            }
            else
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(valueNode), YamlNodes.Column(valueNode), $"{key} must be {Expected(type)}, not {Describe(valueNode)}"));
            }
        }

        return document;
    }

    private static JsonNode? Convert(YamlNode node, FieldType type) => type switch
    {
        FieldType.Text => node is YamlScalarNode { Value: { } text } ? JsonValue.Create(text) : null,
        FieldType.Boolean => YamlNodes.Boolean(node) is { } flag ? JsonValue.Create(flag) : null,
        FieldType.Integer => node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } number }
            && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? JsonValue.Create(value) : null,
        FieldType.TextList => node is YamlSequenceNode list && list.Children.All(i => i is YamlScalarNode && !YamlNodes.IsNull(i))
            ? new JsonArray(list.Children.Select(i => (JsonNode?)JsonValue.Create(YamlNodes.Scalar(i))).ToArray())
            : null,
        FieldType.Mapping => node is YamlMappingNode ? YamlNodes.ToJson(node) : null,
        FieldType.MappingList => node is YamlSequenceNode list && list.Children.All(i => i is YamlMappingNode) ? YamlNodes.ToJson(node) : null,
        _ => null,
    };

    private static string Expected(FieldType type) => type switch
    {
        FieldType.Text => "a text value",
        FieldType.Boolean => "true or false",
        FieldType.Integer => "a whole number",
        FieldType.TextList => "a list of text values, e.g. [a, b]",
        FieldType.MappingList => "a list of mappings, e.g. [{groups: [admins], roleName: Admin}]",
        _ => "a mapping of name: value",
    };

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode list => list.Children.Any(i => YamlNodes.IsNull(i)) ? "a list with an empty entry" : list.Children.Any(i => i is not YamlScalarNode) ? "a list holding lists or mappings" : "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "this value",
    };
}
