using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// Turns one tenants.yaml entry into the tenant document apply sends, typed by the fields tenant
/// create/update write, so a value of the wrong type is an error at its line when the workspace is
/// validated, never a deserializer failure in the middle of an apply.
/// </summary>
internal static class TenantYaml
{
    private enum FieldType
    {
        Text,
        Boolean,
        TextList,
        Mapping,
    }

    private static readonly Dictionary<string, FieldType> Fields = new(StringComparer.Ordinal)
    {
        ["id"] = FieldType.Text,
        ["name"] = FieldType.Text,
        ["parent"] = FieldType.Text,
        ["roleInheritance"] = FieldType.Text,
        ["authType"] = FieldType.Text,
        ["enforceSSO"] = FieldType.Boolean,
        ["disabled"] = FieldType.Boolean,
        ["selfProvisioningDomains"] = FieldType.TextList,
        ["enforceSSOExclusions"] = FieldType.TextList,
        ["federatedAppIds"] = FieldType.TextList,
        ["defaultRoles"] = FieldType.TextList,
        ["customAttributes"] = FieldType.Mapping,
    };

    public static JsonObject ToDocument(YamlMappingNode entry, string file, List<WorkspaceProblem> problems)
    {
        var document = new JsonObject();
        foreach (var (keyNode, valueNode) in entry.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(keyNode), YamlNodes.Column(keyNode), "a tenant field name must be a plain word"));
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

            if (!Fields.TryGetValue(key, out var type))
            {
                document[key] = YamlNodes.ToJson(valueNode);
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
        FieldType.TextList => node is YamlSequenceNode list && list.Children.All(i => i is YamlScalarNode && !YamlNodes.IsNull(i))
            ? new JsonArray(list.Children.Select(i => (JsonNode?)JsonValue.Create(YamlNodes.Scalar(i))).ToArray())
            : null,
        FieldType.Mapping => node is YamlMappingNode ? YamlNodes.ToJson(node) : null,
        _ => null,
    };

    private static string Expected(FieldType type) => type switch
    {
        FieldType.Text => "a text value",
        FieldType.Boolean => "true or false",
        FieldType.TextList => "a list of text values, e.g. [a, b]",
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
