using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Kinds.Permissions;

/// <summary>
/// Permissions: identity (and item ID) is the name. The API has no single-item load, so every read is one
/// load-all; update replaces the description (the whole desired object is sent). Built-ins (the service's
/// <c>systemDefault</c>) are marked in the document and never changed or deleted.
/// </summary>
public sealed partial class PermissionKind : ResourceKind
{
    public override ResourceType Type => ResourceType.Permission;

    public override string Name => "permission";

    public override string KindsName => "permissions";

    // After tenants, before roles: a role can only grant a permission that exists.
    public override int Order => 3;

    public override bool HasRollbackCommand => false;

    public override DiffOptions Diff { get; } = new(new HashSet<string>(StringComparer.Ordinal) { BuiltInField }, ZeroValuesAreAbsent: true);

    public override bool IsBuiltIn(JsonObject document) => HasBuiltInMarker(document);

    public override string BackupPath(string fileStem) => $"permissions/{fileStem}.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken) =>
        (await ReadManyAsync(client, [id], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(id);

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadManyAsync(DescopeClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return (await AllAsync(client, cancellationToken).ConfigureAwait(false)).Where(p => wanted.Contains(p.Key)).ToDictionary(StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, JsonObject>> AllAsync(DescopeClient client, CancellationToken cancellationToken) =>
        (await client.Permissions.LoadAllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Name, PermissionDocuments.ToDocument, StringComparer.Ordinal);

    /// <summary>
    /// The permissions every Descope project starts with, so a role in roles.yaml may grant them without
    /// permissions.yaml listing them.
    /// </summary>
    public static IReadOnlySet<string> BuiltInNames { get; } = new HashSet<string>(StringComparer.Ordinal) { "User Admin", "SSO Admin", "Impersonate" };

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken)
    {
        var write = PermissionDocuments.ToWrite(id, desired);
        return exists ? client.Permissions.UpdateAsync(id, write, cancellationToken) : client.Permissions.CreateAsync(write, cancellationToken);
    }

    public override Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken) =>
        client.Permissions.DeleteAsync(id, cancellationToken);
}
