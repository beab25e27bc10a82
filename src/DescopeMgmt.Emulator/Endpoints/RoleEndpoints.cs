using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// Roles under <c>/v1/mgmt/role</c>. Identity is (tenantId, name), an empty tenantId being a project role;
/// update and delete may name the ID instead. Update replaces every field and needs <c>newName</c>. A role naming
/// a permission or tenant that does not exist is refused with 400. A batch delete without names or IDs
/// deletes every role (every role of its tenant, when it names one), as the real service is reported to.
/// </summary>
internal static class RoleEndpoints
{
    private static readonly string[] WritableFields = ["description", "permissionNames", "tenantId", "default", "private"];

    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        app.MapPost("/v1/mgmt/role/create", context =>
        {
            var body = Wire.Body(context);
            var role = projects.Change(Wire.ProjectId(context), state => Create(state, body, projects.Time));
            return Wire.WriteAsync(context, new JsonObject { ["role"] = role });
        });

        app.MapPost("/v1/mgmt/role/create/batch", context =>
        {
            var items = PermissionEndpoints.Items(Wire.Body(context), "roles");
            var created = new List<JsonObject>();
            projects.Change(Wire.ProjectId(context), state => PermissionEndpoints.ApplyAll(state, s => created.AddRange(items.Select(i => Create(s, i, projects.Time)))));
            return Wire.WriteAsync(context, Listed(created));
        });

        app.MapPost("/v1/mgmt/role/update", context =>
        {
            var body = Wire.Body(context);
            projects.Change(Wire.ProjectId(context), state => Update(state, body));
            return Wire.WriteEmptyAsync(context);
        });

        app.MapPost("/v1/mgmt/role/update/batch", context =>
        {
            var items = PermissionEndpoints.Items(Wire.Body(context), "roles");
            var updated = new List<JsonObject>();
            projects.Change(Wire.ProjectId(context), state => PermissionEndpoints.ApplyAll(state, s => updated.AddRange(items.Select(i => Update(s, i)))));
            return Wire.WriteAsync(context, Listed(updated));
        });

        app.MapPost("/v1/mgmt/role/delete", context =>
        {
            var body = Wire.Body(context);
            projects.Change(Wire.ProjectId(context), state => state.Roles.Remove(Find(state, body)));
            return Wire.WriteEmptyAsync(context);
        });

        app.MapPost("/v1/mgmt/role/delete/batch", context =>
        {
            var body = Wire.Body(context);
            var names = Wire.StringList(body, "roleNames").ToHashSet(StringComparer.Ordinal);
            var ids = Wire.StringList(body, "roleIds").ToHashSet(StringComparer.Ordinal);
            var tenantId = Wire.String(body, "tenantId") ?? "";
            var unfiltered = names.Count == 0 && ids.Count == 0;
            projects.Change(Wire.ProjectId(context), state => state.Roles.RemoveAll(r =>
                (unfiltered && (tenantId.Length == 0 || TenantOf(r) == tenantId))
                || (TenantOf(r) == tenantId && names.Contains(Wire.String(r, "name")!))
                || ids.Contains(Wire.String(r, "id") ?? "")));
            return Wire.WriteEmptyAsync(context);
        });

        app.MapGet("/v1/mgmt/role/all", context =>
            Wire.WriteAsync(context, Listed(projects.Read(Wire.ProjectId(context), state => state.Roles.ToList()))));

        app.MapPost("/v1/mgmt/role/search", context =>
        {
            var body = Wire.Body(context);
            var tenantIds = Wire.StringList(body, "tenantIds").ToHashSet(StringComparer.Ordinal);
            var names = Wire.StringList(body, "roleNames").ToHashSet(StringComparer.Ordinal);
            var ids = Wire.StringList(body, "roleIds").ToHashSet(StringComparer.Ordinal);
            var permissions = Wire.StringList(body, "permissionNames").ToHashSet(StringComparer.Ordinal);
            var like = Wire.String(body, "roleNameLike") ?? "";
            var includeProjectRoles = Wire.Bool(body, "includeProjectRoles");
            var found = projects.Read(Wire.ProjectId(context), state => state.Roles.Where(r =>
                (tenantIds.Count == 0 || tenantIds.Contains(TenantOf(r)) || (includeProjectRoles && TenantOf(r).Length == 0))
                && (names.Count == 0 || names.Contains(Wire.String(r, "name")!))
                && (ids.Count == 0 || ids.Contains(Wire.String(r, "id") ?? ""))
                && (permissions.Count == 0 || Wire.Strings(r["permissionNames"]).Any(permissions.Contains))
                && (like.Length == 0 || Wire.String(r, "name")!.Contains(like, StringComparison.OrdinalIgnoreCase))).ToList());
            return Wire.WriteAsync(context, Listed(found));
        });
    }

    private static JsonObject Create(ProjectState state, JsonObject body, TimeProvider time)
    {
        var name = PermissionEndpoints.RequiredString(body, "name");
        var tenantId = Wire.String(body, "tenantId") ?? "";
        if (state.FindRole(tenantId, name) is not null)
        {
            throw ApiError.Invalid(tenantId.Length == 0 ? $"a role named '{name}' already exists" : $"a role named '{name}' already exists in tenant '{tenantId}'");
        }

        var role = Build(state, body, BuiltIns.NewId("RL"), name, time.GetUtcNow().ToUnixTimeSeconds());
        state.Roles.Add(role);
        return (JsonObject)role.DeepClone();
    }

    private static JsonObject Update(ProjectState state, JsonObject body)
    {
        var existing = Find(state, body);
        var newName = PermissionEndpoints.RequiredString(body, "newName");
        var tenantId = TenantOf(existing);
        if ((Wire.String(body, "tenantId") ?? "") is { Length: > 0 } moved && moved != tenantId)
        {
            throw ApiError.Invalid($"role '{Wire.String(existing, "name")}' belongs to {(tenantId.Length == 0 ? "the project" : $"tenant '{tenantId}'")} and cannot move to tenant '{moved}'");
        }

        if (state.FindRole(tenantId, newName) is { } other && !ReferenceEquals(other, existing))
        {
            throw ApiError.Invalid($"a role named '{newName}' already exists");
        }

        var fields = (JsonObject)body.DeepClone();
        fields["tenantId"] = tenantId;
        var updated = Build(state, fields, Wire.String(existing, "id") ?? BuiltIns.NewId("RL"), newName, existing["createdTime"]?.GetValue<long>() ?? 0);
        state.Roles[state.Roles.IndexOf(existing)] = updated;
        return (JsonObject)updated.DeepClone();
    }

    /// <summary>The stored role: the writable fields that carry a value, after checking the tenant and permissions it names.</summary>
    private static JsonObject Build(ProjectState state, JsonObject body, string id, string name, long createdTime)
    {
        if (Wire.String(body, "tenantId") is { Length: > 0 } tenantId && !state.Tenants.ContainsKey(tenantId))
        {
            throw ApiError.Invalid($"tenant '{tenantId}' does not exist");
        }

        var unknown = Wire.StringList(body, "permissionNames").Where(p => !state.Permissions.ContainsKey(p)).ToList();
        if (unknown.Count > 0)
        {
            throw ApiError.Invalid($"role '{name}' names permission(s) that do not exist: {string.Join(", ", unknown.Select(p => $"'{p}'"))}");
        }

        var role = new JsonObject { ["id"] = id, ["name"] = name };
        if (createdTime != 0)
        {
            role["createdTime"] = createdTime;
        }

        Wire.CopyNonZero(body, role, WritableFields);
        return role;
    }

    /// <summary>The role the body names by <c>id</c> or, without one, by (<c>tenantId</c>, <c>name</c>); 404 when there is none.</summary>
    private static JsonObject Find(ProjectState state, JsonObject body)
    {
        if (Wire.String(body, "id") is { Length: > 0 } id)
        {
            return state.Roles.FirstOrDefault(r => Wire.String(r, "id") == id) ?? throw ApiError.NotFound($"role with id '{id}' does not exist");
        }

        var name = PermissionEndpoints.RequiredString(body, "name");
        var tenantId = Wire.String(body, "tenantId") ?? "";
        return state.FindRole(tenantId, name)
            ?? throw ApiError.NotFound(tenantId.Length == 0 ? $"role '{name}' does not exist" : $"role '{name}' does not exist in tenant '{tenantId}'");
    }

    private static string TenantOf(JsonObject role) => Wire.String(role, "tenantId") ?? "";

    private static JsonObject Listed(IEnumerable<JsonObject> roles) =>
        new() { ["roles"] = new JsonArray(roles.Select(r => (JsonNode?)r.DeepClone()).ToArray()) };
}
