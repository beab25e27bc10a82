using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator.State;

/// <summary>The shipped sample project (Samples/, embedded): flows, a theme and tenants a new user can explore.</summary>
internal static class SampleData
{
    public static void LoadInto(ProjectState state, TimeProvider time)
    {
        var assembly = typeof(SampleData).Assembly;
        var now = time.GetUtcNow();
        foreach (var name in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (name.StartsWith("samples/flows/", StringComparison.Ordinal) && Read(assembly, name) is JsonObject flow)
            {
                var id = flow["flowId"]!.GetValue<string>();
                var metadata = flow["metadata"] as JsonObject ?? [];
                metadata["version"] = 1;
                metadata["etag"] = $"\"{id}-1\"";
                metadata["modifiedTime"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                flow["metadata"] = metadata;
                state.Flows[id] = flow;
            }
        }

        state.Theme = Read(assembly, "samples/theme.json") as JsonObject;
        foreach (var tenant in Read(assembly, "samples/tenants.json") as JsonArray ?? [])
        {
            if (tenant is JsonObject t && t["id"]?.GetValue<string>() is { } id)
            {
                var copy = (JsonObject)t.DeepClone();
                copy["createdTime"] = now.ToUnixTimeSeconds();
                state.Tenants[id] = copy;
            }
        }
    }

    private static JsonNode? Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        return stream is null ? null : JsonNode.Parse(stream);
    }
}
