using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescopeMgmt.Api.AccessKeys;

/// <summary>
/// The secret of an access key, as only the create and rotate answers carry it. It never prints itself:
/// <see cref="ToString"/>, string interpolation, a debugger view and JSON serialization all give a redaction
/// marker, so a log line or an exception message cannot leak it by accident. <see cref="Reveal"/> is the one
/// deliberate way to the value, for the command that hands it to its user once.
/// </summary>
[JsonConverter(typeof(AccessKeyCleartextConverter))]
[System.Diagnostics.DebuggerDisplay("{ToString(),nq}")]
public sealed class AccessKeyCleartext
{
    public const string Redacted = "(sensitive: access key cleartext)";

    private readonly string _value;

    public AccessKeyCleartext(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>The cleartext itself. The service never shows it again: whoever calls this owns the secret.</summary>
    public string Reveal() => _value;

    public override string ToString() => Redacted;
}

/// <summary>Reads the cleartext from the answer's string; writes only the redaction marker, never the secret.</summary>
internal sealed class AccessKeyCleartextConverter : JsonConverter<AccessKeyCleartext>
{
    public override AccessKeyCleartext? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String when reader.GetString() is { Length: > 0 } value => new AccessKeyCleartext(value),
            JsonTokenType.String => null,
            _ => throw new JsonException("'cleartext' is not a string"),
        };

    public override void Write(Utf8JsonWriter writer, AccessKeyCleartext value, JsonSerializerOptions options) =>
        writer.WriteStringValue(AccessKeyCleartext.Redacted);
}
