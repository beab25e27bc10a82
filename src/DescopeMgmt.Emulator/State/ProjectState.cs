using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.Endpoints;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// One project's configuration. Flows are stored in the v2 ExportedFlow shape with the server-managed
/// fields <c>metadata.version</c>, <c>metadata.etag</c> and <c>metadata.modifiedTime</c>; tenants with
/// the API's field names; permissions by name, roles in creation order (their identity is tenant and name),
/// password policies for the project and per tenant; access keys (their cleartext only as a hash), SSO configurations
/// per tenant in the v1 write shape (an OIDC client secret only as a hash), and users. Callers hold <see cref="Sync"/>
/// while reading or changing it.
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

    /// <summary>Access keys in creation order; each holds <c>cleartextHash</c>, which no answer carries.</summary>
    public List<JsonObject> AccessKeys { get; } = [];

    /// <summary>Per tenant, its SSO configurations in creation order (the default one has the SSO ID "").</summary>
    public SortedDictionary<string, List<JsonObject>> Sso { get; } = new(StringComparer.Ordinal);

    /// <summary>Users in creation order, which is the order search pages them in.</summary>
    public List<JsonObject> Users { get; } = [];

    /// <summary>Nothing configured beyond what a new project holds (the project policy is not counted).</summary>
    public bool IsEmpty => Flows.Count == 0 && Theme is null && Tenants.Count == 0
        && Permissions.Values.All(p => Wire.Bool(p, "systemDefault"))
        && Roles.All(r => Wire.String(r, "name") == BuiltIns.TenantAdminRole && Wire.String(r, "tenantId") is null)
        && TenantPasswordSettings.Count == 0 && AccessKeys.Count == 0 && Sso.Count == 0 && Users.Count == 0;

    /// <summary>The role (tenantId, name) names; an empty or missing tenantId is a project role.</summary>
    public JsonObject? FindRole(string? tenantId, string name) =>
        Roles.FirstOrDefault(r => Wire.String(r, "name") == name && (Wire.String(r, "tenantId") ?? "") == (tenantId ?? ""));

    /// <summary>A deleted tenant takes its roles, password policy and SSO configurations with it, and leaves its users and keys.</summary>
    public void RemoveTenantScoped(string tenantId)
    {
        Roles.RemoveAll(r => Wire.String(r, "tenantId") == tenantId);
        TenantPasswordSettings.Remove(tenantId);
        Sso.Remove(tenantId);
        foreach (var (holder, list) in Users.Select(u => (u, "userTenants")).Concat(AccessKeys.Select(k => (k, "keyTenants"))))
        {
            if (holder[list] is JsonArray tenants)
            {
                foreach (var entry in tenants.Where(t => t?["tenantId"]?.GetValue<string>() == tenantId).ToList())
                {
                    tenants.Remove(entry);
                }

                if (tenants.Count == 0)
                {
                    holder.Remove(list);
                }
            }
        }
    }

    /// <summary>The user a request names: <c>loginId</c> may be any of its login IDs or its user ID; <c>userId</c> is the user ID.</summary>
    public JsonObject? FindUser(string? loginIdOrUserId) =>
        string.IsNullOrEmpty(loginIdOrUserId)
            ? null
            : Users.FirstOrDefault(u => Wire.Strings(u["loginIds"]).Contains(loginIdOrUserId, StringComparer.Ordinal))
              ?? Users.FirstOrDefault(u => Wire.String(u, "userId") == loginIdOrUserId);

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

        var sso = new JsonObject();
        foreach (var (tenantId, configurations) in Sso)
        {
            sso[tenantId] = Saved(configurations);
        }

        return new JsonObject
        {
            ["accessKeys"] = Saved(AccessKeys),
            ["sso"] = sso,
            ["users"] = Saved(Users),
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
        state.AccessKeys.AddRange(Objects(json["accessKeys"], "accessKeys"));
        state.Users.AddRange(Objects(json["users"], "users"));
        switch (json["sso"])
        {
            case null:
                break;
            case JsonObject sso:
                foreach (var (tenantId, configurations) in sso)
                {
                    state.Sso[tenantId] = Objects(configurations, $"sso.{tenantId}");
                }

                break;
            default:
                throw new FormatException("\"sso\" is not an object");
        }

        state.Theme = json["theme"] switch
        {
            null => null,
            JsonObject theme => (JsonObject)theme.DeepClone(),
            _ => throw new FormatException("\"theme\" is not an object"),
        };
        return state;
    }

    private static JsonArray Saved(IEnumerable<JsonObject> items) => new(items.Select(i => (JsonNode?)i.DeepClone()).ToArray());

    /// <summary>A saved list of objects; absent (a state saved before it was kept) is empty.</summary>
    private static List<JsonObject> Objects(JsonNode? node, string name) => node switch
    {
        null => [],
        JsonArray array => array.Select((n, i) => n is JsonObject o ? (JsonObject)o.DeepClone() : throw new FormatException($"\"{name}[{i}]\" is not an object")).ToList(),
        _ => throw new FormatException($"\"{name}\" is not an array"),
    };

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
