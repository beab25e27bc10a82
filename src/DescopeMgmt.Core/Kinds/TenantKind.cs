using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Tenants;

namespace DescopeMgmt.Core.Kinds;

/// <summary>
/// Tenants: documents with the API's field names; update replaces every field (the whole desired object
/// is sent); a parent is written before its children and deleted after them; read many with one load-all.
/// </summary>
public sealed class TenantKind : ResourceKind
{
    public override ResourceType Type => ResourceType.Tenant;

    public override string Name => "tenant";

    public override string KindsName => "tenants";

    public override int Order => 2;

    // defaultRoles is set through its own endpoint, not by tenant create/update, so a difference there
    // could never be applied; comparing it would plan the same update forever.
    public override DiffOptions Diff { get; } = new(
        new HashSet<string>(TenantDocuments.ServerManagedFields, StringComparer.Ordinal) { "defaultRoles" },
        ZeroValuesAreAbsent: true);

    public override string BackupPath(string fileStem) => $"tenants/{fileStem}.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return TenantDocuments.ToDocument(await client.Tenants.LoadAsync(id, cancellationToken).ConfigureAwait(false));
        }
        catch (DescopeApiException ex) when (ex.IsNotFound || ex is { StatusCode: 400, ErrorCode: "E011004" })
        {
            // The service may answer an unknown tenant ID with 400 "invalid arguments"; any other 400 is a
            // real failure, never read as "absent" (that would record a live tenant as absent in a backup).
            return null;
        }
    }

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadManyAsync(DescopeClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count < 2)
        {
            return await base.ReadManyAsync(client, ids, cancellationToken).ConfigureAwait(false);
        }

        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return (await client.Tenants.LoadAllAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => wanted.Contains(t.Id))
            .ToDictionary(t => t.Id, TenantDocuments.ToDocument, StringComparer.Ordinal);
    }

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken)
    {
        var write = TenantDocuments.ToWrite(desired);
        write.Id = id;
        return exists ? client.Tenants.UpdateAsync(write, cancellationToken) : client.Tenants.CreateAsync(write, cancellationToken);
    }

    public override Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken) =>
        client.Tenants.DeleteAsync(id, cascade, cancellationToken);

    public override IReadOnlyList<string> WriteOrder(IReadOnlyDictionary<string, JsonObject> documents) =>
        Planner.ParentsFirst(documents.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal)).ToList();
}
