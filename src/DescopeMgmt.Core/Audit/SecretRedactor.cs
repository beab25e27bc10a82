using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Audit;

/// <summary>
/// Replaces known secrets (the management key) in every string and property name of a JSON tree with
/// <c>(redacted)</c>. Working on the tree, not the text, also catches secrets that JSON escaping would hide.
/// </summary>
internal sealed class SecretRedactor(IReadOnlyCollection<string> secrets)
{
    public const string Replacement = "(redacted)";

    private readonly string[] secrets = secrets
        .Where(s => !string.IsNullOrWhiteSpace(s))
        .Distinct(StringComparer.Ordinal)
        .OrderByDescending(s => s.Length)
        .ToArray();

    public JsonNode? Redact(JsonNode? node) => node switch
    {
        _ when secrets.Length == 0 => node,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(Redact(p.Key), Redact(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Redact).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Redact(text)),
        null => null,
        _ => node.DeepClone(),
    };

    public string Redact(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Replacement, StringComparison.Ordinal);
        }

        return text;
    }
}
