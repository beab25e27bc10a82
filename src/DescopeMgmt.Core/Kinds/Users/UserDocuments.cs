using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.Users;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Kinds.Users;

/// <summary>
/// Users travel through Core (diffs, backups, restore) as documents with the wire's field names: <c>loginIds</c>,
/// <c>name</c>, <c>givenName</c>, <c>middleName</c>, <c>familyName</c>, <c>email</c>, <c>phone</c>, <c>verifiedEmail</c>,
/// <c>verifiedPhone</c>, <c>picture</c>, <c>roleNames</c>, <c>userTenants</c> (<c>tenantId</c>, <c>roleNames</c>),
/// <c>customAttributes</c> and <c>status</c>; the service's <c>userId</c> and <c>createdTime</c> are kept for people
/// to read but never compared or written. A user's password, sessions and MFA devices are not readable through the
/// API, so they are never in a document.
/// </summary>
public static class UserDocuments
{
    public static JsonObject ToDocument(User user)
    {
        var document = new JsonObject
        {
            ["loginIds"] = Strings(user.LoginIds),
            ["userId"] = user.UserId,
        };
        Set(document, "name", user.Name);
        Set(document, "givenName", user.GivenName);
        Set(document, "middleName", user.MiddleName);
        Set(document, "familyName", user.FamilyName);
        Set(document, "email", user.Email);
        Set(document, "phone", user.Phone);
        document["verifiedEmail"] = user.VerifiedEmail;
        document["verifiedPhone"] = user.VerifiedPhone;
        Set(document, "picture", user.Picture);
        document["roleNames"] = Strings(user.RoleNames);
        document["userTenants"] = new JsonArray(user.UserTenants
            .Select(t => (JsonNode?)new JsonObject { ["tenantId"] = t.TenantId, ["roleNames"] = Strings(t.RoleNames) })
            .ToArray());
        if (user.CustomAttributes is { Count: > 0 } attributes)
        {
            var custom = new JsonObject();
            foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                custom[name] = JsonNode.Parse(value.GetRawText());
            }

            document["customAttributes"] = custom;
        }

        Set(document, "status", user.Status);
        document["createdTime"] = user.CreatedTime;
        return document;
    }

    /// <summary>
    /// The whole user that makes the one with item ID <paramref name="id"/> (a login ID) equal to <paramref name="document"/>:
    /// update replaces every field, so everything is sent. Status is not part of it (the status endpoint sets it).
    /// </summary>
    /// <exception cref="UserError">A field has the wrong type.</exception>
    public static UserWrite ToWrite(string id, JsonObject document)
    {
        var key = new ResourceKey(ResourceType.User, id);
        var loginIds = DocumentFields.Strings(document, "loginIds", key);
        // A user named by its user ID is written under its first login ID: a create needs a login ID.
        var loginId = loginIds.Count == 0 || loginIds.Contains(id) ? id : loginIds[0];
        return new UserWrite
        {
            LoginId = loginId,
            AdditionalLoginIds = loginIds.Where(l => l != loginId).ToList(),
            DisplayName = DocumentFields.String(document, "name", key),
            GivenName = DocumentFields.String(document, "givenName", key),
            MiddleName = DocumentFields.String(document, "middleName", key),
            FamilyName = DocumentFields.String(document, "familyName", key),
            Email = DocumentFields.String(document, "email", key),
            Phone = DocumentFields.String(document, "phone", key),
            VerifiedEmail = DocumentFields.Bool(document, "verifiedEmail", key),
            VerifiedPhone = DocumentFields.Bool(document, "verifiedPhone", key),
            Picture = DocumentFields.String(document, "picture", key),
            RoleNames = DocumentFields.Strings(document, "roleNames", key),
            UserTenants = Tenants(document, key),
            CustomAttributes = document["customAttributes"] is JsonObject custom
                ? custom.ToDictionary(a => a.Key, a => JsonDocument.Parse(a.Value?.ToJsonString() ?? "null").RootElement.Clone(), StringComparer.Ordinal)
                : null,
        };
    }

    /// <summary>The user's status in <paramref name="document"/> (<c>enabled</c>, <c>disabled</c>, <c>invited</c>), or null.</summary>
    public static string? Status(JsonObject document) => document["status"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<UserTenantWrite> Tenants(JsonObject document, ResourceKey key) => document["userTenants"] switch
    {
        null => [],
        JsonArray a when a.All(t => t is JsonObject) => a.Select(t => new UserTenantWrite
        {
            TenantId = DocumentFields.String(t!.AsObject(), "tenantId", key) ?? "",
            RoleNames = DocumentFields.Strings(t.AsObject(), "roleNames", key),
        }).ToList(),
        _ => throw new UserError("invalid_user", $"User '{ItemIds.Printable(key.Id)}' has a field of the wrong type at userTenants: expected a list of tenants.",
            "Fix the user's backup file and try again."),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static void Set(JsonObject document, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            document[field] = value;
        }
    }
}
