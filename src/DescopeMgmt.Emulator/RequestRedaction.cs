using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator;

/// <summary>
/// What the request log keeps of a body: every value under a secret-bearing name (an OIDC client secret, a password,
/// an access key cleartext, a snapshot's input secrets) is replaced by <see cref="Marker"/> at any depth, so a test,
/// a trace or `emulator serve` output reading the log never sees one. A body naming such a field that is not JSON is
/// withheld whole.
/// </summary>
internal static class RequestRedaction
{
    public const string Marker = "(redacted)";

    private static readonly string[] SecretNames = ["clientSecret", "password", "newPassword", "hashedPassword", "cleartext", "secret", "inputSecrets"];

    public static string Redact(string body)
    {
        if (!SecretNames.Any(n => body.Contains(n, StringComparison.OrdinalIgnoreCase)))
        {
            return body;
        }

        try
        {
            var node = JsonNode.Parse(body);
            return Scrub(node) ? node?.ToJsonString() ?? body : body;
        }
        catch (JsonException)
        {
            return "(body withheld: it may hold a secret and is not JSON)";
        }
    }

    /// <summary>Replaces secret values under <paramref name="node"/>; true when anything was replaced.</summary>
    private static bool Scrub(JsonNode? node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (SecretNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        obj[name] = Marker;
                        changed = true;
                    }
                    else
                    {
                        changed |= Scrub(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    changed |= Scrub(item);
                }

                break;
        }

        return changed;
    }
}
