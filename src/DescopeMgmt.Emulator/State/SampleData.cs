using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// The shipped sample project (Samples/, embedded): flows, a theme, tenants, permissions, roles (one of them
/// a tenant's), password policies (the project's and one tenant's), access keys (their cleartext made here and kept
/// only as a hash, so nobody, the demo included, can print it), a SAML SSO configuration and users a new user can explore.
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

        LoadKeysSsoAndUsers(state, assembly, now);
    }

    private static void LoadKeysSsoAndUsers(ProjectState state, Assembly assembly, DateTimeOffset now)
    {
        foreach (var key in (Read(assembly, "samples/accesskeys.json") as JsonArray ?? []).OfType<JsonObject>())
        {
            var copy = (JsonObject)key.DeepClone();
            var id = BuiltIns.NewId("K2");
            copy["id"] = id;
            copy["clientId"] = BuiltIns.NewId("C");
            copy["createdTime"] = now.ToUnixTimeSeconds();
            copy["status"] ??= "active";
            copy["cleartextHash"] = SecretHash.Of(SecretHash.NewCleartext(id));
            state.AccessKeys.Add(copy);
        }

        foreach (var (tenantId, configurations) in Read(assembly, "samples/sso.json") as JsonObject ?? [])
        {
            state.Sso[tenantId] = (configurations as JsonArray ?? []).OfType<JsonObject>().Select(c => (JsonObject)c.DeepClone()).ToList();
        }

        foreach (var user in (Read(assembly, "samples/users.json") as JsonArray ?? []).OfType<JsonObject>())
        {
            var copy = (JsonObject)user.DeepClone();
            copy["userId"] = BuiltIns.NewId("U");
            copy["createdTime"] = now.ToUnixTimeSeconds();
            state.Users.Add(copy);
        }
    }

    private static JsonNode? Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        return stream is null ? null : JsonNode.Parse(stream);
    }
}
