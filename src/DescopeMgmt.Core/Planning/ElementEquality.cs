using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Planning;

/// <summary>
/// A cheap "is this whole subtree the same?" test for large unchanged documents: a parsed JsonNode that
/// was never touched writes its original bytes, and <see cref="JsonElement.DeepEquals"/> compares
/// without building nodes (key order ignored). Only when it says "different" does the differ walk.
/// </summary>
internal static class ElementEquality
{
    public static bool SameJson(JsonNode a, JsonNode b)
    {
        using var left = ToDocument(a);
        using var right = ToDocument(b);
        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }

    /// <summary>Raw parts of a live flow against the parsed workspace file, without building any node.</summary>
    public static Func<string, bool?> ForFlow(Live.FlowRawParts? live, JsonElement? desired) => property =>
    {
        if (live is null || desired is not { ValueKind: JsonValueKind.Object } file)
        {
            return null;
        }

        var has = file.TryGetProperty(property, out var value);
        return property switch
        {
            "contents" when live.Contents is { } c && has => JsonElement.DeepEquals(c, value),
            "references" when live.References is { } r && has => JsonElement.DeepEquals(r, value),
            "screens" when has && value.ValueKind == JsonValueKind.Array => SameScreens(live.Screens, value),
            _ => null,
        };
    };

    /// <summary>Live screens come one file each without their screenId; the workspace holds them in one array.</summary>
    private static bool SameScreens(IReadOnlyDictionary<string, JsonElement> live, JsonElement desired)
    {
        if (desired.GetArrayLength() != live.Count)
        {
            return false;
        }

        foreach (var screen in desired.EnumerateArray())
        {
            if (screen.ValueKind != JsonValueKind.Object || !screen.TryGetProperty("screenId", out var id) || id.ValueKind != JsonValueKind.String
                || !live.TryGetValue(id.GetString()!, out var liveScreen) || !SameExcept(liveScreen, screen, "screenId"))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameExcept(JsonElement live, JsonElement desired, string ignored)
    {
        var count = 0;
        foreach (var property in desired.EnumerateObject())
        {
            if (property.Name == ignored)
            {
                continue;
            }

            count++;
            if (!live.TryGetProperty(property.Name, out var other) || !JsonElement.DeepEquals(other, property.Value))
            {
                return false;
            }
        }

        return count == live.EnumerateObject().Count(p => p.Name != ignored);
    }

    private static JsonDocument ToDocument(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }
}
