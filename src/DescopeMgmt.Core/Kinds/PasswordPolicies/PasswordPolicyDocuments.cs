using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.Json;
using DescopeMgmt.Api.Password;

namespace DescopeMgmt.Core.Kinds.PasswordPolicies;

/// <summary>
/// Password policies travel through Core as JSON documents with the API's field names and without the
/// tenant (the item ID names it), so backups and the differ treat them like tenants; these convert at the
/// API boundary. Fields this tool does not know are kept, so a read-modify-write loses nothing.
/// </summary>
public static class PasswordPolicyDocuments
{
    public static JsonObject ToDocument(PasswordSettings settings) =>
        (JsonObject)JsonSerializer.SerializeToNode(settings with { TenantId = null }, ApiJsonContext.Default.PasswordSettings)!;

    /// <exception cref="UserError">A field has the wrong type (a hand-edited backup, say).</exception>
    public static PasswordSettings FromDocument(JsonObject document, string id)
    {
        try
        {
            return (document.Deserialize(ApiJsonContext.Default.PasswordSettings) ?? new PasswordSettings()) with { TenantId = null };
        }
        catch (JsonException ex)
        {
            throw new UserError("invalid_password_policy", $"Password policy '{id}' has a field of the wrong type at {ex.Path ?? "$"}.",
                "Each field is true/false or a whole number; fix the policy and try again.", ex);
        }
    }

    /// <summary>
    /// The whole policy a write of <paramref name="document"/> sets: every known field, an absent one at its
    /// zero value (the service overwrites every field), so it compares equal to what the service reads back.
    /// </summary>
    public static JsonObject Complete(JsonObject document, string id) => ToDocument(FromDocument(document, id));
}
