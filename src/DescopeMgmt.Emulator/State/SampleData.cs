using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// The shipped sample project (Samples/, embedded): flows, a theme, tenants, permissions, roles (one of them
/// a tenant's) and password policies (the project's and one tenant's) a new user can explore.
/// </summary>
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

        foreach (var permission in (Read(assembly, "samples/permissions.json") as JsonArray ?? []).OfType<JsonObject>())
        {
            var copy = (JsonObject)permission.DeepClone();
            copy["id"] = BuiltIns.NewId("PR");
            state.Permissions[copy["name"]!.GetValue<string>()] = copy;
        }

        foreach (var role in (Read(assembly, "samples/roles.json") as JsonArray ?? []).OfType<JsonObject>())
        {
            var copy = (JsonObject)role.DeepClone();
            copy["id"] = BuiltIns.NewId("RL");
            copy["createdTime"] = now.ToUnixTimeSeconds();
            state.Roles.Add(copy);
        }

        if (Read(assembly, "samples/password.json") is JsonObject policies)
        {
            state.PasswordSettings = (JsonObject)policies["project"]!.DeepClone();
            foreach (var (tenantId, policy) in policies["tenants"] as JsonObject ?? [])
            {
                state.TenantPasswordSettings[tenantId] = (JsonObject)policy!.DeepClone();
            }
        }
    }

    private static JsonNode? Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        return stream is null ? null : JsonNode.Parse(stream);
    }
}
