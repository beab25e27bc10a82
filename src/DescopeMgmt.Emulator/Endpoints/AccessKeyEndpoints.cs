using System.Net;
using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// Access keys under <c>/v1/mgmt/accesskey</c>, named by ID. Names are unique in a project (a create or rename to a
/// name in use is refused with 400), roles and tenants must exist, permitted IPs must be addresses or CIDR ranges.
/// The cleartext is made at create and rotate, answered once and kept only as a hash. Update replaces the name,
/// roles, tenants, claims, IPs and attributes, keeps the description when the body leaves it out, and never
/// changes the expiry or the bound user. An unknown ID is 404.
/// </summary>
internal static class AccessKeyEndpoints
{
    private const string HashField = "cleartextHash";

    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        app.MapPost("/v1/mgmt/accesskey/create", context =>
        {
            var body = Wire.Body(context);
            var answer = projects.Change(Wire.ProjectId(context), state => Create(state, body, projects.Time));
            return Wire.WriteAsync(context, answer);
        });

        app.MapGet("/v1/mgmt/accesskey", context =>
        {
            var id = context.Request.Query["id"].ToString();
            var key = projects.Read(Wire.ProjectId(context), state => Present(state, Find(state, id)));
            return Wire.WriteAsync(context, new JsonObject { ["key"] = key });
        });

        app.MapPost("/v1/mgmt/accesskey/search", context =>
        {
            var body = Wire.Body(context);
            var tenantIds = Wire.StringList(body, "tenantIds").ToHashSet(StringComparer.Ordinal);
            var boundUserId = Wire.String(body, "boundUserId") ?? "";
            var creatingUser = Wire.String(body, "creatingUser") ?? "";
            var attributes = body["customAttributes"] as JsonObject ?? [];
            var keys = projects.Read(Wire.ProjectId(context), state => state.AccessKeys.Where(k =>
                    (tenantIds.Count == 0 || TenantIds(k).Any(tenantIds.Contains))
                    && (boundUserId.Length == 0 || Wire.String(k, "boundUserId") == boundUserId)
                    && (creatingUser.Length == 0 || Wire.String(k, "createdBy") == creatingUser)
                    && attributes.All(a => JsonNode.DeepEquals(a.Value, k["customAttributes"]?[a.Key])))
                .Select(k => (JsonNode?)Present(state, k)).ToArray());
            return Wire.WriteAsync(context, new JsonObject { ["keys"] = new JsonArray(keys) });
        });

        app.MapPost("/v1/mgmt/accesskey/update", context =>
        {
            var body = Wire.Body(context);
            var key = projects.Change(Wire.ProjectId(context), state => Update(state, body));
            return Wire.WriteAsync(context, new JsonObject { ["key"] = key });
        });

        void MapStatus(string path, string status) => app.MapPost(path, context =>
        {
            var body = Wire.Body(context);
            projects.Change(Wire.ProjectId(context), state => Find(state, Wire.String(body, "id"))["status"] = status);
            return Wire.WriteEmptyAsync(context);
        });
        MapStatus("/v1/mgmt/accesskey/activate", "active");
        MapStatus("/v1/mgmt/accesskey/deactivate", "inactive");

        app.MapPost("/v1/mgmt/accesskey/delete", context =>
        {
            var body = Wire.Body(context);
            projects.Change(Wire.ProjectId(context), state => state.AccessKeys.Remove(Find(state, Wire.String(body, "id"))));
            return Wire.WriteEmptyAsync(context);
        });

        app.MapPost("/v1/mgmt/accesskey/rotate", context =>
        {
            var body = Wire.Body(context);
            var answer = projects.Change(Wire.ProjectId(context), state =>
            {
                var key = Find(state, Wire.String(body, "id"));
                var cleartext = SecretHash.NewCleartext(Wire.String(key, "id")!);
                key[HashField] = SecretHash.Of(cleartext);
                return new JsonObject { ["cleartext"] = cleartext, ["key"] = Present(state, key) };
            });
            return Wire.WriteAsync(context, answer);
        });
    }

    private static JsonObject Create(ProjectState state, JsonObject body, TimeProvider time)
    {
        var name = PermissionEndpoints.RequiredString(body, "name");
        EnsureUniqueName(state, name, null);
        var expireTime = Wire.Long(body, "expireTime");
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (expireTime < 0 || (expireTime != 0 && expireTime <= now))
        {
            throw ApiError.Invalid($"expireTime {expireTime} is not a time in the future (Unix seconds; 0 never expires)");
        }

        var id = BuiltIns.NewId("K2");
        var key = new JsonObject { ["id"] = id, ["name"] = name, ["status"] = "active", ["createdTime"] = now, ["clientId"] = BuiltIns.NewId("C") };
        if (expireTime != 0)
        {
            key["expireTime"] = expireTime;
        }

        if (Wire.String(body, "userId") is { Length: > 0 } userId)
        {
            var user = state.FindUser(userId) ?? throw new ApiError(400, ApiError.UserNotFoundCode, "User not found", $"user '{userId}' does not exist");
            key["boundUserId"] = Wire.String(user, "userId");
        }

        Fill(state, key, body);
        Wire.CopyNonZero(body, key, ["description"]);
        var cleartext = SecretHash.NewCleartext(id);
        key[HashField] = SecretHash.Of(cleartext);
        state.AccessKeys.Add(key);
        return new JsonObject { ["cleartext"] = cleartext, ["key"] = Present(state, key) };
    }

    private static JsonObject Update(ProjectState state, JsonObject body)
    {
        var key = Find(state, Wire.String(body, "id"));
        var name = PermissionEndpoints.RequiredString(body, "name");
        EnsureUniqueName(state, name, key);
        var updated = (JsonObject)key.DeepClone();
        foreach (var field in new[] { "roleNames", "keyTenants", "customClaims", "permittedIps", "customAttributes" })
        {
            updated.Remove(field);
        }

        updated["name"] = name;
        if (body.ContainsKey("description") && body["description"] is not null)
        {
            updated.Remove("description");
            Wire.CopyNonZero(body, updated, ["description"]);
        }

        Fill(state, updated, body);
        state.AccessKeys[state.AccessKeys.IndexOf(key)] = updated;
        return Present(state, updated);
    }

    /// <summary>Checks and copies the roles, tenants, claims, IPs and attributes of a create or update.</summary>
    private static void Fill(ProjectState state, JsonObject key, JsonObject body)
    {
        var roles = Wire.StringList(body, "roleNames");
        UserEndpoints.EnsureRolesExist(state, null, roles);
        var tenants = UserEndpoints.Tenants(state, body, "keyTenants");
        var ips = Wire.StringList(body, "permittedIps");
        var bad = ips.FirstOrDefault(ip => !IPAddress.TryParse(ip, out _) && !IPNetwork.TryParse(ip, out _));
        if (bad is not null)
        {
            throw ApiError.Invalid($"permittedIps: '{bad}' is not an IP address or CIDR range");
        }

        foreach (var field in new[] { "customClaims", "customAttributes" })
        {
            if (body[field] is not (null or JsonObject))
            {
                throw ApiError.BadRequest($"{field} must be an object");
            }
        }

        Wire.CopyNonZero(body, key, ["roleNames", "customClaims", "permittedIps", "customAttributes"]);
        if (tenants.Count > 0)
        {
            key["keyTenants"] = tenants;
        }
    }

    private static void EnsureUniqueName(ProjectState state, string name, JsonObject? self)
    {
        if (state.AccessKeys.Any(k => Wire.String(k, "name") == name && !ReferenceEquals(k, self)))
        {
            throw ApiError.Invalid($"an access key named '{name}' already exists in this project");
        }
    }

    private static JsonObject Find(ProjectState state, string? id) =>
        string.IsNullOrEmpty(id)
            ? throw ApiError.Missing("id")
            : state.AccessKeys.FirstOrDefault(k => Wire.String(k, "id") == id) ?? throw ApiError.NotFound($"access key '{id}' does not exist");

    private static IEnumerable<string> TenantIds(JsonObject key) =>
        (key["keyTenants"] as JsonArray ?? []).Select(t => t?["tenantId"]?.GetValue<string>()).OfType<string>();

    /// <summary>The key as answers show it: never its hash, and with each tenant's current name.</summary>
    private static JsonObject Present(ProjectState state, JsonObject key)
    {
        var copy = (JsonObject)key.DeepClone();
        copy.Remove(HashField);
        foreach (var tenant in (copy["keyTenants"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Wire.String(tenant, "tenantId") is { } tenantId && state.Tenants.TryGetValue(tenantId, out var t))
            {
                tenant["tenantName"] = Wire.String(t, "name");
            }
        }

        return copy;
    }
}
