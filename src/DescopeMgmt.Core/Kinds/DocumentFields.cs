using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Kinds;

/// <summary>
/// Typed reads of a kind's document fields (permissions, roles) for the write that makes live equal to it:
/// a field of the wrong type is an error naming the item and the field, never a silently dropped value.
/// </summary>
internal static class DocumentFields
{
    public static string? String(JsonObject document, string field, ResourceKey key) => document[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw WrongType(key, field, "a string"),
    };

    public static bool Bool(JsonObject document, string field, ResourceKey key) => document[field] switch
    {
        null => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw WrongType(key, field, "true or false"),
    };

    public static List<string> Strings(JsonObject document, string field, ResourceKey key) => document[field] switch
    {
        null => [],
        JsonArray a when a.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String) => a.Select(n => n!.GetValue<string>()).ToList(),
        _ => throw WrongType(key, field, "a list of strings"),
    };

    private static UserError WrongType(ResourceKey key, string field, string expected)
    {
        var kind = ResourceKinds.Of(key);
        return new UserError($"invalid_{kind.Name}", $"{char.ToUpperInvariant(kind.Name[0])}{kind.Name[1..]} '{ItemIds.Printable(key.Id)}' has a field of the wrong type at {field}: expected {expected}.",
            $"Fix the {kind.Name} ({kind.WorkspaceFile}: run `descope-mgmt flow validate`) and try again.");
    }
}
