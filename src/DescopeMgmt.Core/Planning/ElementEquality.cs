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
