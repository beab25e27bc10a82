using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// Permissions under <c>/v1/mgmt/permission</c>. Identity is the name (an update or delete may name the ID
/// instead); update replaces the description and needs <c>newName</c>. System-default permissions cannot be
/// changed or deleted. A renamed permission is renamed in the roles that grant it, a deleted one is dropped from them.
/// </summary>
internal static class PermissionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        // Create and update come single and as an all-or-nothing batch of the same items.
        void MapOneAndBatch(string path, Func<ProjectState, JsonObject, bool> apply)
        {
            app.MapPost(path, context =>
            {
                var body = Wire.Body(context);
                projects.Change(Wire.ProjectId(context), state => apply(state, body));
                return Wire.WriteEmptyAsync(context);
            });
            app.MapPost(path + "/batch", context =>
            {
                var items = Items(Wire.Body(context), "permissions");
                projects.Change(Wire.ProjectId(context), state => ApplyAll(state, s => items.ForEach(item => apply(s, item))));
                return Wire.WriteEmptyAsync(context);
            });
        }

        MapOneAndBatch("/v1/mgmt/permission/create", Create);
        MapOneAndBatch("/v1/mgmt/permission/update", Update);

        app.MapPost("/v1/mgmt/permission/delete", context =>
        {
            var body = Wire.Body(context);
            projects.Change(Wire.ProjectId(context), state => Delete(state, Find(state, body)));
            return Wire.WriteEmptyAsync(context);
        });

        app.MapPost("/v1/mgmt/permission/delete/batch", context =>
        {
            var body = Wire.Body(context);
            var names = Wire.StringList(body, "names").ToHashSet(StringComparer.Ordinal);
            var ids = Wire.StringList(body, "ids").ToHashSet(StringComparer.Ordinal);
            projects.Change(Wire.ProjectId(context), state => ApplyAll(state, s =>
            {
                foreach (var permission in s.Permissions.Values.Where(p => names.Contains(Wire.String(p, "name")!) || ids.Contains(Wire.String(p, "id") ?? "")).ToList())
                {
                    Delete(s, permission);
                }
            }));
            return Wire.WriteEmptyAsync(context);
        });

        app.MapGet("/v1/mgmt/permission/all", context =>
        {
            var list = projects.Read(Wire.ProjectId(context), state => state.Permissions.Values.Select(p => p.DeepClone()).ToArray());
            return Wire.WriteAsync(context, new JsonObject { ["permissions"] = new JsonArray(list) });
        });
    }

    /// <summary>The items of a batch request; a batch without its list is malformed, not empty.</summary>
    internal static List<JsonObject> Items(JsonObject body, string name) => body[name] switch
    {
        JsonArray array when array.All(n => n is JsonObject) => array.Select(n => (JsonObject)n!).ToList(),
        null => throw ApiError.Missing(name),
        _ => throw ApiError.BadRequest($"{name} must be a list of objects"),
    };

    /// <summary>Runs a batch so that a refused item leaves permissions and roles as they were (a batch is all or nothing).</summary>
    internal static bool ApplyAll(ProjectState state, Action<ProjectState> batch)
    {
        var permissions = state.Permissions.ToDictionary(p => p.Key, p => (JsonObject)p.Value.DeepClone(), StringComparer.Ordinal);
        var roles = state.Roles.Select(r => (JsonObject)r.DeepClone()).ToList();
        try
        {
            batch(state);
            return true;
        }
        catch (ApiError)
        {
            state.Permissions.Clear();
            foreach (var (name, permission) in permissions)
            {
                state.Permissions[name] = permission;
            }

            state.Roles.Clear();
            state.Roles.AddRange(roles);
            throw;
        }
    }

    private static bool Create(ProjectState state, JsonObject body)
    {
        var name = RequiredString(body, "name");
        if (state.Permissions.ContainsKey(name))
        {
            throw ApiError.Invalid($"a permission named '{name}' already exists");
        }

        var permission = new JsonObject { ["id"] = BuiltIns.NewId("PR"), ["name"] = name };
        Wire.CopyNonZero(body, permission, ["description"]);
        state.Permissions[name] = permission;
        return true;
    }

    private static bool Update(ProjectState state, JsonObject body)
    {
        var existing = Find(state, body);
        var name = Wire.String(existing, "name")!;
        var newName = RequiredString(body, "newName");
        RefuseSystemDefault(existing, "changed");
        if (newName != name && state.Permissions.ContainsKey(newName))
        {
            throw ApiError.Invalid($"a permission named '{newName}' already exists");
        }

        var updated = new JsonObject { ["id"] = existing["id"]?.DeepClone(), ["name"] = newName };
        Wire.CopyNonZero(body, updated, ["description"]);
        state.Permissions.Remove(name);
        state.Permissions[newName] = updated;
        if (newName != name)
        {
            foreach (var role in state.Roles)
            {
                role["permissionNames"] = new JsonArray(Wire.Strings(role["permissionNames"]).Select(p => (JsonNode?)(p == name ? newName : p)).ToArray());
            }
        }

        return true;
    }

    private static bool Delete(ProjectState state, JsonObject permission)
    {
        RefuseSystemDefault(permission, "deleted");
        var name = Wire.String(permission, "name")!;
        state.Permissions.Remove(name);
        foreach (var role in state.Roles.Where(r => Wire.Strings(r["permissionNames"]).Contains(name)))
        {
            var kept = Wire.Strings(role["permissionNames"]).Where(p => p != name).Select(p => (JsonNode?)p).ToArray();
            if (kept.Length == 0)
            {
                role.Remove("permissionNames");
            }
            else
            {
                role["permissionNames"] = new JsonArray(kept);
            }
        }

        return true;
    }

    /// <summary>The permission the body names by <c>id</c> or, without one, by <c>name</c>; 404 when there is none.</summary>
    private static JsonObject Find(ProjectState state, JsonObject body)
    {
        if (Wire.String(body, "id") is { Length: > 0 } id)
        {
            return state.Permissions.Values.FirstOrDefault(p => Wire.String(p, "id") == id)
                ?? throw ApiError.NotFound($"permission with id '{id}' does not exist");
        }

        var name = RequiredString(body, "name");
        return state.Permissions.TryGetValue(name, out var permission) ? permission : throw ApiError.NotFound($"permission '{name}' does not exist");
    }

    private static void RefuseSystemDefault(JsonObject permission, string what)
    {
        if (Wire.Bool(permission, "systemDefault"))
        {
            throw ApiError.Invalid($"permission '{Wire.String(permission, "name")}' is a system default and cannot be {what}");
        }
    }

    internal static string RequiredString(JsonObject body, string field) =>
        Wire.String(body, field) is { Length: > 0 } value ? value : throw ApiError.Missing(field);
}
