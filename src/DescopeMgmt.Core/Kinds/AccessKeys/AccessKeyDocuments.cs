using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Kinds.AccessKeys;

/// <summary>
/// Access keys travel through Core as documents with the fields of access-keys.yaml: <c>name</c>,
/// <c>description</c>, <c>roles</c> (sorted), <c>tenants</c> (<c>{tenantId: [roles]}</c>), <c>expireTime</c>
/// (Unix seconds, absent for never), <c>permittedIps</c>, <c>customClaims</c> and <c>userId</c> (the bound user).
/// The service's key ID, status, client ID and times stay at the API boundary, and no document ever holds a
/// cleartext: reads never return one.
/// </summary>
public static class AccessKeyDocuments
{
    public static JsonObject ToDocument(AccessKey key)
    {
        var document = new JsonObject
        {
            ["name"] = key.Name,
            ["description"] = key.Description ?? "",
            ["roles"] = Texts(key.RoleNames),
        };
        if (key.KeyTenants.Count > 0)
        {
            var tenants = new JsonObject();
            foreach (var tenant in key.KeyTenants.OrderBy(t => t.TenantId, StringComparer.Ordinal))
            {
                tenants[tenant.TenantId] = Texts(tenant.RoleNames);
            }

            document["tenants"] = tenants;
        }

        if (key.ExpireTime > 0)
        {
            document["expireTime"] = key.ExpireTime;
        }

        document["permittedIps"] = Texts(key.PermittedIps);
        if (key.CustomClaims is { Count: > 0 } claims)
        {
            var custom = new JsonObject();
            foreach (var (name, value) in claims.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                custom[name] = JsonNode.Parse(value.GetRawText());
            }

            document["customClaims"] = custom;
        }

        if (!string.IsNullOrEmpty(key.BoundUserId))
        {
            document["userId"] = key.BoundUserId;
        }

        return document;
    }

    /// <summary>The create (or, without its fixed fields, update) that makes the key named <paramref name="name"/> equal to <paramref name="document"/>.</summary>
    /// <exception cref="UserError">A field has the wrong type.</exception>
    public static AccessKeyWrite ToWrite(string name, JsonObject document)
    {
        var key = new ResourceKey(ResourceType.AccessKey, name);
        var description = DocumentFields.String(document, "description", key);
        return new AccessKeyWrite
        {
            Name = name,
            Description = string.IsNullOrEmpty(description) ? null : description,
            RoleNames = DocumentFields.Strings(document, "roles", key),
            KeyTenants = Tenants(document, key),
            ExpireTime = ExpireTime(document),
            UserId = DocumentFields.String(document, "userId", key) is { Length: > 0 } user ? user : null,
            PermittedIps = DocumentFields.Strings(document, "permittedIps", key),
            CustomClaims = Claims(document, key),
        };
    }

    /// <summary>Unix seconds; 0 when the document sets none (the key never expires).</summary>
    public static long ExpireTime(JsonObject document) =>
        document["expireTime"] is JsonValue value && value.TryGetValue<long>(out var seconds) ? seconds : 0;

    /// <summary>
    /// Puts the sets a key grants (roles, each tenant's roles, permitted IPs) in one order: a file may list them in
    /// any order and the service may answer in another, and neither is a difference.
    /// </summary>
    public static void Normalize(JsonObject document)
    {
        foreach (var field in (string[])["roles", "permittedIps"])
        {
            if (document[field] is JsonArray list && list.All(n => n is JsonValue))
            {
                document[field] = Texts(list.Select(n => n!.ToString()));
            }
        }

        if (document["tenants"] is JsonObject tenants)
        {
            foreach (var (tenantId, roles) in tenants.ToList())
            {
                if (roles is JsonArray list && list.All(n => n is JsonValue))
                {
                    tenants[tenantId] = Texts(list.Select(n => n!.ToString()));
                }
            }
        }
    }

    private static JsonArray Texts(IEnumerable<string> values) =>
        new(values.Order(StringComparer.Ordinal).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static List<TenantMembership> Tenants(JsonObject document, ResourceKey key)
    {
        if (document["tenants"] is not JsonObject tenants)
        {
            return [];
        }

        var result = new List<TenantMembership>();
        foreach (var (tenantId, _) in tenants)
        {
            var roles = tenants[tenantId] is null ? [] : DocumentFields.Strings(tenants, tenantId, key);
            result.Add(new TenantMembership { TenantId = tenantId, RoleNames = roles });
        }

        return result;
    }

    private static Dictionary<string, JsonElement>? Claims(JsonObject document, ResourceKey key)
    {
        if (document["customClaims"] is not JsonObject claims)
        {
            return document["customClaims"] is null ? null : throw new UserError("invalid_access_key",
                $"Access key '{ItemIds.Printable(key.Id)}' has a field of the wrong type at customClaims: expected a mapping of name: value.",
                "Fix the access key (access-keys.yaml: run `descope-mgmt flow validate`) and try again.");
        }

        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in claims)
        {
            using var parsed = JsonDocument.Parse(value?.ToJsonString() ?? "null");
            result[name] = parsed.RootElement.Clone();
        }

        return result;
    }
}
