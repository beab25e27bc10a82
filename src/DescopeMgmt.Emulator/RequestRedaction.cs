using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DescopeMgmt.Emulator;

/// <summary>
/// What the request log keeps of a body: every value under a secret-bearing name (an OIDC client secret, a password,
/// an access key cleartext, a snapshot's input secrets) is replaced by <see cref="Marker"/> at any depth, so a test,
/// a trace or `emulator serve` output reading the log never sees one. A body naming such a field that is not JSON is
/// withheld whole. One streaming pass, no document tree, since snapshot bodies can be tens of megabytes.
/// </summary>
internal static class RequestRedaction
{
    public const string Marker = "(redacted)";

    /// <summary>Every secret name contains one of these, so a body without them is kept as it came, unparsed.</summary>
    private static readonly string[] Markers = ["secret", "password", "cleartext"];

    private static readonly string[] SecretNames = ["clientSecret", "password", "newPassword", "hashedPassword", "cleartext", "secret", "inputSecrets"];

    public static string Redact(string body)
    {
        if (!Markers.Any(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            return body;
        }

        var input = Encoding.UTF8.GetBytes(body);
        var output = new ArrayBufferWriter<byte>(input.Length);
        var changed = false;
        try
        {
            var reader = new Utf8JsonReader(input, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        writer.WritePropertyName(name);
                        if (SecretNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                        {
                            reader.Read();
                            reader.Skip();
                            writer.WriteStringValue(Marker);
                            changed = true;
                        }

                        break;
                    default:
                        writer.WriteRawValue(input.AsSpan((int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex)), skipInputValidation: true);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return "(body withheld: it may hold a secret and is not JSON)";
        }

        return changed ? Encoding.UTF8.GetString(output.WrittenSpan) : body;
    }
}
