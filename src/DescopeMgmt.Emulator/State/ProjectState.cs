using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.Endpoints;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// One project's configuration. Flows are stored in the v2 ExportedFlow shape with the server-managed
/// fields <c>metadata.version</c>, <c>metadata.etag</c> and <c>metadata.modifiedTime</c>; tenants with
/// the API's field names; permissions by name, roles in creation order (their identity is tenant and name),
/// password policies for the project and per tenant. Callers hold <see cref="Sync"/> while reading or changing it.
/// </summary>
internal sealed class ProjectState
{
    /// <summary>A new project, holding what a real one starts with.</summary>
    public ProjectState()
    {
        foreach (var permission in BuiltIns.Permissions())
        {
            Permissions[Wire.String(permission, "name")!] = permission;
        }

        Roles.Add(BuiltIns.Role());
    }

    public object Sync { get; } = new();

    public SortedDictionary<string, JsonObject> Flows { get; } = new(StringComparer.Ordinal);

    public JsonObject? Theme { get; set; }

    public SortedDictionary<string, JsonObject> Tenants { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, JsonObject> Permissions { get; } = new(StringComparer.Ordinal);

    public List<JsonObject> Roles { get; } = [];

    public JsonObject PasswordSettings { get; set; } = BuiltIns.PasswordSettings();

    /// <summary>Tenants with a policy of their own; the others follow the project's.</summary>
    public SortedDictionary<string, JsonObject> TenantPasswordSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>Nothing configured beyond what a new project holds (the project policy is not counted).</summary>
    public bool IsEmpty => Flows.Count == 0 && Theme is null && Tenants.Count == 0
        && Permissions.Values.All(p => Wire.Bool(p, "systemDefault"))
        && Roles.All(r => Wire.String(r, "name") == BuiltIns.TenantAdminRole && Wire.String(r, "tenantId") is null)
        && TenantPasswordSettings.Count == 0;

    /// <summary>The role (tenantId, name) names; an empty or missing tenantId is a project role.</summary>
    public JsonObject? FindRole(string? tenantId, string name) =>
        Roles.FirstOrDefault(r => Wire.String(r, "name") == name && (Wire.String(r, "tenantId") ?? "") == (tenantId ?? ""));

    /// <summary>A deleted tenant takes its roles and its password policy with it.</summary>
    public void RemoveTenantScoped(string tenantId)
    {
        Roles.RemoveAll(r => Wire.String(r, "tenantId") == tenantId);
        TenantPasswordSettings.Remove(tenantId);
    }

    public JsonObject ToJson()
    {
        var flows = new JsonObject();
        foreach (var (id, flow) in Flows)
        {
            flows[id] = flow.DeepClone();
        }

        var tenants = new JsonObject();
        foreach (var (id, tenant) in Tenants)
        {
            tenants[id] = tenant.DeepClone();
        }

        var permissions = new JsonObject();
        foreach (var (name, permission) in Permissions)
        {
            permissions[name] = permission.DeepClone();
        }

        var roles = new JsonArray();
        foreach (var role in Roles)
        {
            roles.Add(role.DeepClone());
        }

        var tenantPolicies = new JsonObject();
        foreach (var (id, policy) in TenantPasswordSettings)
        {
            tenantPolicies[id] = policy.DeepClone();
        }

        return new JsonObject
        {
            ["flows"] = flows,
            ["theme"] = Theme?.DeepClone(),
            ["tenants"] = tenants,
            ["permissions"] = permissions,
            ["roles"] = roles,
            ["passwordSettings"] = PasswordSettings.DeepClone(),
            ["tenantPasswordSettings"] = tenantPolicies,
        };
    }

    /// <summary>
    /// Reads a saved state; anything not in the shape <see cref="ToJson"/> writes is a <see cref="FormatException"/>.
    /// A state saved before permissions, roles and policies were kept has none of their keys and keeps the built-ins.
    /// </summary>
    public static ProjectState FromJson(JsonObject json)
    {
        var state = new ProjectState();
        ReadInto(state.Flows, json, "flows");
        ReadInto(state.Tenants, json, "tenants");
        if (json.ContainsKey("permissions"))
        {
            state.Permissions.Clear();
            ReadInto(state.Permissions, json, "permissions");
        }

        switch (json["roles"])
        {
            case null when !json.ContainsKey("roles"):
                break;
            case JsonArray roles:
                state.Roles.Clear();
                state.Roles.AddRange(roles.Select((r, i) => r is JsonObject role ? (JsonObject)role.DeepClone() : throw new FormatException($"\"roles[{i}]\" is not an object")));
                break;
            default:
                throw new FormatException("\"roles\" is not an array");
        }

        state.PasswordSettings = json["passwordSettings"] switch
        {
            null when !json.ContainsKey("passwordSettings") => state.PasswordSettings,
            JsonObject policy => (JsonObject)policy.DeepClone(),
            _ => throw new FormatException("\"passwordSettings\" is not an object"),
        };
        ReadInto(state.TenantPasswordSettings, json, "tenantPasswordSettings");
        state.Theme = json["theme"] switch
        {
            null => null,
            JsonObject theme => (JsonObject)theme.DeepClone(),
            _ => throw new FormatException("\"theme\" is not an object"),
        };
        return state;
    }

    private static void ReadInto(SortedDictionary<string, JsonObject> target, JsonObject json, string name)
    {
        var items = json[name] switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => throw new FormatException($"\"{name}\" is not an object"),
        };
        foreach (var (id, item) in items)
        {
            target[id] = item is JsonObject entry ? (JsonObject)entry.DeepClone() : throw new FormatException($"\"{name}.{id}\" is not an object");
        }
    }
}
