using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// Tenants. Like the proto-based service, answers leave out empty and false fields;
/// load is unwrapped, lists are <c>{"tenants":[...]}</c>; update replaces every field but the parent.
/// A tenant with sub-tenants cannot be deleted until they are.
/// </summary>
internal static class TenantEndpoints
{
    private static readonly string[] WritableFields =
        ["name", "selfProvisioningDomains", "customAttributes", "enforceSSO", "enforceSSOExclusions", "disabled", "roleInheritance", "federatedAppIds", "authType", "defaultRoles"];

    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        app.MapPost("/v1/mgmt/tenant/create", context =>
        {
            var body = Wire.Body(context);
            var id = projects.Change(Wire.ProjectId(context), state => Create(state, body, projects.Time));
            return Wire.WriteAsync(context, new JsonObject { ["id"] = id });
        });

        app.MapPost("/v1/mgmt/tenant/update", context =>
        {
            var body = Wire.Body(context);
            var id = Wire.String(body, "id") is { Length: > 0 } tenantId ? tenantId : throw ApiError.Missing("id");
            projects.Change(Wire.ProjectId(context), state =>
            {
                var existing = state.Tenants.TryGetValue(id, out var t) ? t : throw ApiError.NotFound($"tenant '{id}' does not exist");
                var name = RequiredName(body);
                EnsureUniqueName(state, name, id);
                var updated = Build(id, body, existing["createdTime"]?.GetValue<long>() ?? 0);
                // Neither the parent nor the default roles are fields of an update (the latter has its own endpoint).
                foreach (var kept in new[] { "parent", "defaultRoles" })
                {
                    if (existing[kept] is { } value && updated[kept] is null)
                    {
                        updated[kept] = value.DeepClone();
                    }
                }

                state.Tenants[id] = updated;
                return updated;
            });
            return Wire.WriteEmptyAsync(context);
        });

        app.MapPost("/v1/mgmt/tenant/delete", context =>
        {
            var body = Wire.Body(context);
            var id = Wire.String(body, "id") is { Length: > 0 } tenantId ? tenantId : throw ApiError.Missing("id");
            projects.Change(Wire.ProjectId(context), state =>
            {
                if (!state.Tenants.ContainsKey(id))
                {
                    throw ApiError.NotFound($"tenant '{id}' does not exist");
                }

                if (state.Tenants.Values.Any(t => Wire.String(t, "parent") == id))
                {
                    throw ApiError.Invalid($"tenant '{id}' has sub-tenants; delete them first");
                }

                state.RemoveTenantScoped(id);
                return state.Tenants.Remove(id);
            });
            return Wire.WriteEmptyAsync(context);
        });

        app.MapGet("/v1/mgmt/tenant", context =>
        {
            var id = context.Request.Query["id"].ToString();
            if (id.Length == 0)
            {
                throw ApiError.Missing("id");
            }

            var tenant = projects.Read(Wire.ProjectId(context), state => state.Tenants.TryGetValue(id, out var t) ? Present(state, t) : null)
                ?? throw ApiError.NotFound($"tenant '{id}' does not exist");
            return Wire.WriteAsync(context, tenant);
        });

        app.MapGet("/v1/mgmt/tenant/all", context =>
            Wire.WriteAsync(context, List(projects, context, _ => true)));

        app.MapPost("/v1/mgmt/tenant/search", context =>
        {
            var body = Wire.Body(context);
            var ids = Wire.Strings(body["tenantIds"]).ToHashSet(StringComparer.Ordinal);
            var names = Wire.Strings(body["tenantNames"]).ToHashSet(StringComparer.Ordinal);
            var domains = Wire.Strings(body["tenantSelfProvisioningDomains"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var attributes = body["customAttributes"] as JsonObject ?? [];
            var parent = Wire.String(body, "parentTenantId");
            var topLevelOnly = Wire.Bool(body, "topLevelOnly");
            return Wire.WriteAsync(context, List(projects, context, t =>
                (ids.Count == 0 || ids.Contains(Wire.String(t, "id") ?? ""))
                && (names.Count == 0 || names.Contains(Wire.String(t, "name") ?? ""))
                && (domains.Count == 0 || Wire.Strings(t["selfProvisioningDomains"]).Any(domains.Contains))
                && attributes.All(a => JsonNode.DeepEquals(a.Value, t["customAttributes"]?[a.Key]))
                && (parent is null || Wire.String(t, "parent") == parent)
                && (!topLevelOnly || t["parent"] is null)));
        });
    }

    private static string Create(ProjectState state, JsonObject body, TimeProvider time)
    {
        var name = RequiredName(body);
        var id = Wire.String(body, "id") is { Length: > 0 } given ? given : "T" + Guid.NewGuid().ToString("N")[..26];
        if (state.Tenants.ContainsKey(id))
        {
            throw ApiError.Invalid($"a tenant with id '{id}' already exists");
        }

        EnsureUniqueName(state, name, id);
        var tenant = Build(id, body, time.GetUtcNow().ToUnixTimeSeconds());
        if (Wire.String(body, "parent") is { Length: > 0 } parent)
        {
            if (!state.Tenants.ContainsKey(parent))
            {
                throw ApiError.Invalid($"parent tenant '{parent}' does not exist");
            }

            tenant["parent"] = parent;
        }

        state.Tenants[id] = tenant;
        return id;
    }

    private static string RequiredName(JsonObject body) =>
        Wire.String(body, "name") is { Length: > 0 } name ? name : throw ApiError.Missing("name");

    private static void EnsureUniqueName(ProjectState state, string name, string id)
    {
        if (state.Tenants.Values.Any(t => Wire.String(t, "name") == name && Wire.String(t, "id") != id))
        {
            throw ApiError.Invalid($"a tenant named '{name}' already exists");
        }
    }

    /// <summary>Keeps only the writable fields that carry a value, the way the service omits zero values.</summary>
    private static JsonObject Build(string id, JsonObject body, long createdTime)
    {
        var tenant = new JsonObject { ["id"] = id, ["createdTime"] = createdTime };
        Wire.CopyNonZero(body, tenant, WritableFields);
        return tenant;
    }

    private static JsonObject Present(ProjectState state, JsonObject tenant)
    {
        var copy = (JsonObject)tenant.DeepClone();
        var id = Wire.String(tenant, "id");
        var successors = new JsonArray();
        foreach (var child in state.Tenants.Values.Where(t => Wire.String(t, "parent") == id))
        {
            successors.Add((JsonNode)JsonValue.Create(Wire.String(child, "id") ?? "")!);
        }

        if (successors.Count > 0)
        {
            copy["successors"] = successors;
        }

        return copy;
    }

    private static JsonObject List(ProjectAccess projects, HttpContext context, Func<JsonObject, bool> filter)
    {
        var tenants = projects.Read(Wire.ProjectId(context), state => state.Tenants.Values.Where(filter).Select(t => Present(state, t)).ToList());
        var array = new JsonArray();
        foreach (var tenant in tenants)
        {
            array.Add((JsonNode)tenant);
        }

        return new JsonObject { ["tenants"] = array };
    }
}
