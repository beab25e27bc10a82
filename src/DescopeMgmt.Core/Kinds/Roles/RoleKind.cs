using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Kinds.Roles;

/// <summary>
/// Roles: identity is (tenant, name), a project role having no tenant; the item ID is built by <see cref="Id"/>.
/// The API has no single-item load, so every read is one load-all; update replaces every field, so the whole
/// desired role is sent. The project role "Tenant Admin" is built in: never changed or deleted.
/// </summary>
public sealed partial class RoleKind : ResourceKind
{
    /// <summary>The role every project starts with.</summary>
    public const string TenantAdminRole = "Tenant Admin";

    public override ResourceType Type => ResourceType.Role;

    public override string Name => "role";

    public override string KindsName => "roles";

    // After tenants (a tenant role needs its tenant) and permissions (a role grants only permissions that exist);
    // deletions run the other way, so a role goes before the permissions it grants and the tenant it belongs to.
    public override int Order => 4;

    public override bool HasRollbackCommand => false;

    public override DiffOptions Diff { get; } = new(new HashSet<string>(StringComparer.Ordinal) { BuiltInField }, ZeroValuesAreAbsent: true);

    /// <summary>
    /// The item ID of a role: its name for a project role, <c>&lt;tenantId&gt;/&lt;name&gt;</c> for a tenant role.
    /// Tenant IDs never hold a slash but role names may, so a project role whose name holds one is written
    /// <c>/&lt;name&gt;</c>: every ID splits back into exactly one (tenant, name).
    /// </summary>
    public static string Id(string? tenantId, string name)
    {
        if (!string.IsNullOrEmpty(tenantId))
        {
            return $"{tenantId}/{name}";
        }

        return name.Contains('/', StringComparison.Ordinal) ? "/" + name : name;
    }

    public static ResourceKey Key(string? tenantId, string name) => new(ResourceType.Role, Id(tenantId, name));

    /// <summary>The (tenant, name) of an item ID made by <see cref="Id"/>; the tenant is null for a project role.</summary>
    public static (string? TenantId, string Name) Split(string id)
    {
        if (id.StartsWith('/'))
        {
            return (null, id[1..]);
        }

        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, id) : (id[..slash], id[(slash + 1)..]);
    }

    /// <summary>The role as messages name it: <c>'Admin'</c>, or <c>'Admin' of tenant 'acme'</c>.</summary>
    public static string Describe(string id)
    {
        var (tenantId, name) = Split(id);
        return tenantId is null ? $"'{ItemIds.Printable(name)}'" : $"'{ItemIds.Printable(name)}' of tenant '{ItemIds.Printable(tenantId)}'";
    }

    public static bool IsBuiltInRole(string? tenantId, string name) => string.IsNullOrEmpty(tenantId) && name == TenantAdminRole;

    public override bool IsBuiltIn(JsonObject document) =>
        HasBuiltInMarker(document) || IsBuiltInRole(Text(document["tenant"]), Text(document["name"]) ?? "");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public override string BackupPath(string fileStem) => $"roles/{fileStem}.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken) =>
        (await ReadManyAsync(client, [id], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(id);

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadManyAsync(DescopeClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return (await AllAsync(client, cancellationToken).ConfigureAwait(false)).Where(r => wanted.Contains(r.Key)).ToDictionary(StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, JsonObject>> AllAsync(DescopeClient client, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var role in await client.Roles.LoadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            result[Id(role.TenantId, role.Name)] = RoleDocuments.ToDocument(role);
        }

        return result;
    }

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken)
    {
        var write = RoleDocuments.ToWrite(id, desired);
        // Update names the role by its current name and needs newName even when it stays the same.
        return exists ? client.Roles.UpdateAsync(write.Name, write, cancellationToken) : client.Roles.CreateAsync(write, cancellationToken);
    }

    public override Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken)
    {
        var (tenantId, name) = Split(id);
        return client.Roles.DeleteAsync(name, tenantId, cancellationToken);
    }
}
