using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// Users under <c>/v1/mgmt/user</c> (search and role add under <c>/v2</c>). A request names a user by <c>loginId</c>
/// (any of its login IDs, or its user ID) or <c>userId</c>; an unknown user is 404 E112102. Create refuses a login ID in
/// use; roles and tenants must exist. Update replaces every field but the IDs, status and creation time. Search pages
/// in creation order: <c>page</c> is 0-based, <c>limit</c> 0 means <see cref="DefaultPageSize"/> and is capped at
/// <see cref="MaxPageSize"/>, and <c>total</c> counts every match.
/// </summary>
internal static class UserEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    private static readonly string[] Statuses = ["enabled", "disabled", "invited"];

    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        app.MapPost("/v1/mgmt/user/create", context =>
        {
            var body = Wire.Body(context);
            return Answer(context, projects.Change(Wire.ProjectId(context), state => Present(state, Create(state, body, projects.Time))));
        });

        app.MapPost("/v1/mgmt/user/update", context =>
        {
            var body = Wire.Body(context);
            return Answer(context, projects.Change(Wire.ProjectId(context), state => Present(state, Update(state, body))));
        });

        app.MapGet("/v1/mgmt/user", context =>
        {
            var loginId = context.Request.Query["loginId"].ToString();
            var userId = context.Request.Query["userId"].ToString();
            return Answer(context, projects.Read(Wire.ProjectId(context), state => Present(state, Find(state, loginId.Length > 0 ? loginId : userId))));
        });

        app.MapPost("/v2/mgmt/user/search", context =>
        {
            var body = Wire.Body(context);
            return Wire.WriteAsync(context, projects.Read(Wire.ProjectId(context), state => Search(state, body)));
        });

        app.MapPost("/v1/mgmt/user/update/status", context =>
        {
            var body = Wire.Body(context);
            var status = Wire.String(body, "status") ?? "";
            if (status is not ("enabled" or "disabled"))
            {
                throw ApiError.Invalid($"status must be 'enabled' or 'disabled', not '{status}'");
            }

            return Answer(context, projects.Change(Wire.ProjectId(context), state =>
            {
                var user = Find(state, body);
                user["status"] = status;
                return Present(state, user);
            }));
        });

        app.MapPost("/v1/mgmt/user/delete", context =>
        {
            var body = Wire.Body(context);
            projects.Change(Wire.ProjectId(context), state => state.Users.Remove(Find(state, body)));
            return Wire.WriteEmptyAsync(context);
        });

        MapRoles(app, projects, "/v1/mgmt/user/update/role/set", (current, given) => given);
        MapRoles(app, projects, "/v2/mgmt/user/update/role/add", (current, given) => current.Concat(given.Where(r => !current.Contains(r))).ToList());
        MapRoles(app, projects, "/v1/mgmt/user/update/role/remove", (current, given) => current.Where(r => !given.Contains(r)).ToList());
    }

    /// <summary>Refuses role names that are neither roles of <paramref name="tenantId"/> nor project roles.</summary>
    internal static void EnsureRolesExist(ProjectState state, string? tenantId, IEnumerable<string> roles)
    {
        var unknown = roles.Where(r => state.FindRole(tenantId, r) is null && state.FindRole(null, r) is null).ToList();
        if (unknown.Count > 0)
        {
            throw ApiError.Invalid($"role(s) that do not exist{(string.IsNullOrEmpty(tenantId) ? "" : $" in tenant '{tenantId}'")}: {string.Join(", ", unknown.Select(r => $"'{r}'"))}");
        }
    }

    /// <summary>A list of <c>{"tenantId","roleNames"}</c> (users' <c>userTenants</c>, keys' <c>keyTenants</c>), checked and normalized.</summary>
    internal static JsonArray Tenants(ProjectState state, JsonObject body, string field)
    {
        var result = new JsonArray();
        if (body[field] is null)
        {
            return result;
        }

        if (body[field] is not JsonArray items || items.Any(i => i is not JsonObject))
        {
            throw ApiError.BadRequest($"{field} must be a list of objects");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.OfType<JsonObject>())
        {
            var tenantId = Wire.String(item, "tenantId") is { Length: > 0 } t ? t : throw ApiError.Missing($"{field}[].tenantId");
            if (!state.Tenants.ContainsKey(tenantId))
            {
                throw ApiError.Invalid($"tenant '{tenantId}' does not exist");
            }

            if (!seen.Add(tenantId))
            {
                throw ApiError.Invalid($"{field} names tenant '{tenantId}' twice");
            }

            var roles = Wire.StringList(item, "roleNames");
            EnsureRolesExist(state, tenantId, roles);
            var entry = new JsonObject { ["tenantId"] = tenantId };
            if (roles.Count > 0)
            {
                entry["roleNames"] = new JsonArray(roles.Select(r => (JsonNode?)r).ToArray());
            }

            result.Add((JsonNode)entry);
        }

        return result;
    }

    private static void MapRoles(IEndpointRouteBuilder app, ProjectAccess projects, string path, Func<List<string>, List<string>, List<string>> change) =>
        app.MapPost(path, context =>
        {
            var body = Wire.Body(context);
            var tenantId = Wire.String(body, "tenantId") ?? "";
            var given = Wire.StringList(body, "roleNames");
            return Answer(context, projects.Change(Wire.ProjectId(context), state =>
            {
                var user = Find(state, body);
                if (tenantId.Length > 0 && !state.Tenants.ContainsKey(tenantId))
                {
                    throw ApiError.Invalid($"tenant '{tenantId}' does not exist");
                }

                EnsureRolesExist(state, tenantId, given);
                JsonObject holder = user;
                if (tenantId.Length > 0)
                {
                    var tenants = user["userTenants"] as JsonArray ?? [];
                    user["userTenants"] = tenants;
                    holder = tenants.OfType<JsonObject>().FirstOrDefault(t => Wire.String(t, "tenantId") == tenantId) ?? new JsonObject { ["tenantId"] = tenantId };
                    if (holder.Parent is null)
                    {
                        tenants.Add((JsonNode)holder);
                    }
                }

                var roles = change(Wire.Strings(holder["roleNames"]).ToList(), given);
                holder.Remove("roleNames");
                if (roles.Count > 0)
                {
                    holder["roleNames"] = new JsonArray(roles.Select(r => (JsonNode?)r).ToArray());
                }

                return Present(state, user);
            }));
        });

    private static JsonObject Create(ProjectState state, JsonObject body, TimeProvider time)
    {
        var loginId = PermissionEndpoints.RequiredString(body, "loginId");
        var loginIds = new List<string> { loginId };
        loginIds.AddRange(Wire.StringList(body, "additionalLoginIds").Where(l => l.Length > 0 && l != loginId));
        if (loginIds.FirstOrDefault(l => state.FindUser(l) is not null) is { } taken)
        {
            throw ApiError.Invalid($"a user with the login ID '{taken}' already exists");
        }

        var user = new JsonObject
        {
            ["userId"] = BuiltIns.NewId("U"),
            ["loginIds"] = new JsonArray(loginIds.Select(l => (JsonNode?)l).ToArray()),
            ["status"] = Wire.Bool(body, "invite") ? "invited" : "enabled",
            ["createdTime"] = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        Fill(state, user, body);
        state.Users.Add(user);
        return user;
    }

    private static JsonObject Update(ProjectState state, JsonObject body)
    {
        var existing = Find(state, body);
        var updated = new JsonObject();
        foreach (var kept in new[] { "userId", "status", "createdTime" })
        {
            updated[kept] = existing[kept]?.DeepClone();
        }

        var primary = Wire.Strings(existing["loginIds"]).FirstOrDefault() ?? "";
        var loginIds = new List<string> { primary };
        loginIds.AddRange(Wire.StringList(body, "additionalLoginIds").Where(l => l.Length > 0 && l != primary));
        if (loginIds.FirstOrDefault(l => state.FindUser(l) is { } other && !ReferenceEquals(other, existing)) is { } taken)
        {
            throw ApiError.Invalid($"a user with the login ID '{taken}' already exists");
        }

        updated["loginIds"] = new JsonArray(loginIds.Select(l => (JsonNode?)l).ToArray());
        Fill(state, updated, body);
        state.Users[state.Users.IndexOf(existing)] = updated;
        return updated;
    }

    /// <summary>The writable fields of a create or update, checked; the display name is written as <c>displayName</c> and kept as <c>name</c>.</summary>
    private static void Fill(ProjectState state, JsonObject user, JsonObject body)
    {
        if (Wire.String(body, "email") is { Length: > 0 } email && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
        {
            throw ApiError.Invalid($"'{email}' is not an email address");
        }

        if (body["customAttributes"] is not (null or JsonObject))
        {
            throw ApiError.BadRequest("customAttributes must be an object");
        }

        var roles = Wire.StringList(body, "roleNames");
        EnsureRolesExist(state, null, roles);
        var tenants = Tenants(state, body, "userTenants");
        if ((Wire.String(body, "displayName") ?? Wire.String(body, "name")) is { Length: > 0 } name)
        {
            user["name"] = name;
        }

        Wire.CopyNonZero(body, user, ["givenName", "middleName", "familyName", "email", "phone", "verifiedEmail", "verifiedPhone", "picture", "roleNames", "customAttributes"]);
        if (tenants.Count > 0)
        {
            user["userTenants"] = tenants;
        }
    }

    private static JsonObject Search(ProjectState state, JsonObject body)
    {
        var page = (int)Math.Clamp(Wire.Long(body, "page"), -1, int.MaxValue);
        var limit = Wire.Long(body, "limit");
        if (page < 0 || limit < 0)
        {
            throw ApiError.Invalid("page and limit cannot be negative");
        }

        var size = limit == 0 ? DefaultPageSize : (int)Math.Min(limit, MaxPageSize);
        var text = Wire.String(body, "text") ?? "";
        var tenantIds = Wire.StringList(body, "tenantIds").ToHashSet(StringComparer.Ordinal);
        var roles = Wire.StringList(body, "roleNames").ToHashSet(StringComparer.Ordinal);
        var statuses = Wire.StringList(body, "statuses").ToHashSet(StringComparer.Ordinal);
        if (statuses.FirstOrDefault(s => !Statuses.Contains(s)) is { } badStatus)
        {
            throw ApiError.Invalid($"unknown status '{badStatus}'");
        }

        var emails = Wire.StringList(body, "emails").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var phones = Wire.StringList(body, "phones").ToHashSet(StringComparer.Ordinal);
        var loginIds = Wire.StringList(body, "loginIds").ToHashSet(StringComparer.Ordinal);
        var userIds = Wire.StringList(body, "userIds").ToHashSet(StringComparer.Ordinal);
        var matches = state.Users.Where(u =>
            (tenantIds.Count == 0 || UserTenants(u).Any(t => tenantIds.Contains(Wire.String(t, "tenantId") ?? "")))
            && (roles.Count == 0 || Wire.Strings(u["roleNames"]).Concat(UserTenants(u).SelectMany(t => Wire.Strings(t["roleNames"]))).Any(roles.Contains))
            && (statuses.Count == 0 || statuses.Contains(Wire.String(u, "status") ?? ""))
            && (emails.Count == 0 || emails.Contains(Wire.String(u, "email") ?? ""))
            && (phones.Count == 0 || phones.Contains(Wire.String(u, "phone") ?? ""))
            && (loginIds.Count == 0 || Wire.Strings(u["loginIds"]).Any(loginIds.Contains))
            && (userIds.Count == 0 || userIds.Contains(Wire.String(u, "userId") ?? ""))
            && (text.Length == 0 || new[] { Wire.String(u, "name"), Wire.String(u, "email"), Wire.String(u, "phone") }.Concat(Wire.Strings(u["loginIds"]))
                .Any(v => v?.Contains(text, StringComparison.OrdinalIgnoreCase) == true))).ToList();
        var pageOf = matches.Skip((int)Math.Min((long)page * size, int.MaxValue)).Take(size).Select(u => (JsonNode?)Present(state, u)).ToArray();
        return new JsonObject { ["users"] = new JsonArray(pageOf), ["total"] = matches.Count };
    }

    private static IEnumerable<JsonObject> UserTenants(JsonObject user) => (user["userTenants"] as JsonArray ?? []).OfType<JsonObject>();

    private static JsonObject Find(ProjectState state, JsonObject body) =>
        Find(state, Wire.String(body, "loginId") is { Length: > 0 } loginId ? loginId : Wire.String(body, "userId"));

    private static JsonObject Find(ProjectState state, string? loginIdOrUserId) =>
        string.IsNullOrEmpty(loginIdOrUserId)
            ? throw ApiError.Missing("loginId")
            : state.FindUser(loginIdOrUserId) ?? throw ApiError.UserNotFound(loginIdOrUserId);

    /// <summary>The user as answers show it, with each tenant's current name.</summary>
    private static JsonObject Present(ProjectState state, JsonObject user)
    {
        var copy = (JsonObject)user.DeepClone();
        foreach (var tenant in (copy["userTenants"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Wire.String(tenant, "tenantId") is { } tenantId && state.Tenants.TryGetValue(tenantId, out var t))
            {
                tenant["tenantName"] = Wire.String(t, "name");
            }
        }

        return copy;
    }

    private static Task Answer(HttpContext context, JsonObject user) => Wire.WriteAsync(context, new JsonObject { ["user"] = user });
}
