using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.Json;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Core.Tenants;

/// <summary>
/// Tenants travel through Core as JSON documents with the API's field names, so backups, the
/// workspace and the differ treat them like flows; these convert at the API boundary.
/// </summary>
public static class TenantDocuments
{
    /// <summary>Fields the service computes; never written back and ignored when comparing.</summary>
    public static readonly IReadOnlySet<string> ServerManagedFields =
        new HashSet<string>(StringComparer.Ordinal) { "createdTime", "successors", "domains" };

    public static JsonObject ToDocument(Tenant tenant) =>
        (JsonObject)JsonSerializer.SerializeToNode(tenant, ApiJsonContext.Default.Tenant)!;

    /// <exception cref="UserError">A field has the wrong type; the workspace loader types tenants.yaml, so this guards other sources.</exception>
    public static Tenant FromDocument(JsonObject document)
    {
        try
        {
            return document.Deserialize(ApiJsonContext.Default.Tenant) ?? new Tenant();
        }
        catch (JsonException ex)
        {
            throw new UserError("invalid_tenant", $"Tenant '{document["id"]}' has a field of the wrong type at {ex.Path ?? "$"}.",
                "Fix the tenant (tenants.yaml: run `descope-mgmt flow validate`) and try again.", ex);
        }
    }

    /// <summary>The write body that makes the tenant equal to <paramref name="document"/> (every field, since update replaces all).</summary>
    public static TenantWrite ToWrite(JsonObject document)
    {
        var t = FromDocument(document);
        return new TenantWrite
        {
            Id = string.IsNullOrEmpty(t.Id) ? null : t.Id,
            Name = t.Name,
            SelfProvisioningDomains = t.SelfProvisioningDomains ?? [],
            CustomAttributes = t.CustomAttributes,
            EnforceSSO = t.EnforceSSO,
            EnforceSSOExclusions = t.EnforceSSOExclusions,
            Disabled = t.Disabled,
            Parent = string.IsNullOrEmpty(t.Parent) ? null : t.Parent,
            RoleInheritance = t.RoleInheritance,
            FederatedAppIds = t.FederatedAppIds,
            AuthType = t.AuthType,
        };
    }

    public static string Id(JsonObject document) => document["id"]?.GetValue<string>() ?? "";

    public static string Name(JsonObject document) => document["name"]?.GetValue<string>() ?? "";
}
