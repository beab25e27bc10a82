using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Audit;

/// <summary>
/// Replaces known secrets (the management key) in every string and property name of a JSON tree with
/// <c>(redacted)</c>. Working on the tree, not the text, also catches secrets that JSON escaping would hide.
/// </summary>
public sealed class SecretRedactor(IReadOnlyCollection<string> secrets, string replacement = SecretRedactor.Replacement)
{
    public const string Replacement = "(redacted)";

    // Each secret also as JSON's default encoder writes it ('+' as \u002B...), for text that is already JSON.
    private readonly string[] secrets = secrets
        .Where(s => !string.IsNullOrWhiteSpace(s))
        .SelectMany(s => new[] { s, System.Text.Json.JsonEncodedText.Encode(s).ToString() })
        .Distinct(StringComparer.Ordinal)
        .OrderByDescending(s => s.Length)
        .ToArray();

    public int Count => secrets.Length;

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
            text = text.Replace(secret, replacement, StringComparison.Ordinal);
        }

        return text;
    }
}
