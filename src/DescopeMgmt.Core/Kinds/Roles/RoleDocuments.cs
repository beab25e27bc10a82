using System.Text.Json.Nodes;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Kinds.Roles;

/// <summary>
/// Roles travel through Core as documents with the fields of roles.yaml: <c>name</c>, <c>tenant</c> (absent for a
/// project role), <c>description</c>, <c>permissions</c> (sorted), <c>default</c>, <c>private</c>; a
/// built-in also carries the read-only <see cref="ResourceKind.BuiltInField"/> marker. The service's ID and
/// <c>createdTime</c> stay at the API boundary.
/// </summary>
public static class RoleDocuments
{
    public static JsonObject ToDocument(Role role)
    {
        var document = new JsonObject { ["name"] = role.Name };
        if (!string.IsNullOrEmpty(role.TenantId))
        {
            document["tenant"] = role.TenantId;
        }

        document["description"] = role.Description ?? "";
        document["permissions"] = new JsonArray(role.PermissionNames.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        SortPermissions(document);
        document["default"] = role.Default;
        document["private"] = role.Private;
        if (RoleKind.IsBuiltInRole(role.TenantId, role.Name))
        {
            document[ResourceKind.BuiltInField] = true;
        }

        return document;
    }

    /// <summary>
    /// The whole role that makes the one with item ID <paramref name="id"/> equal to <paramref name="document"/>
    /// (update replaces every field). Name and tenant come from the ID: they are the role's identity.
    /// </summary>
    /// <exception cref="UserError">A field has the wrong type.</exception>
    public static RoleWrite ToWrite(string id, JsonObject document)
    {
        var key = new ResourceKey(ResourceType.Role, id);
        var (tenantId, name) = RoleKind.Split(id);
        var description = DocumentFields.String(document, "description", key);
        return new RoleWrite
        {
            Name = name,
            TenantId = tenantId,
            Description = string.IsNullOrEmpty(description) ? null : description,
            PermissionNames = DocumentFields.Strings(document, "permissions", key),
            Default = DocumentFields.Bool(document, "default", key),
            Private = DocumentFields.Bool(document, "private", key),
        };
    }

    /// <summary>
    /// Puts the permission names in one order: a role grants a set, which a file may list in any order and
    /// the service may answer in another, and neither is a difference.
    /// </summary>
    public static void SortPermissions(JsonObject document)
    {
        if (document["permissions"] is JsonArray list)
        {
            document["permissions"] = new JsonArray(list.Select(p => p?.GetValue<string>() ?? "").Order(StringComparer.Ordinal).Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        }
    }

    /// <summary>The document's permission names, in order.</summary>
    public static IReadOnlyList<string> Permissions(JsonObject document) =>
        document["permissions"] is JsonArray list ? list.Select(p => p?.GetValue<string>() ?? "").ToList() : [];
}
