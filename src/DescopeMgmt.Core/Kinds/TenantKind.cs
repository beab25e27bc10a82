using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Tenants;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Kinds;

/// <summary>
/// Tenants (<c>tenants.yaml</c>): documents with the API's field names; update replaces every field (the
/// whole desired object is sent); a parent is written before its children and deleted after them; read
/// with one load-all.
/// </summary>
public sealed class TenantKind : ResourceKind
{
    public const string File = "tenants.yaml";

    public override ResourceType Type => ResourceType.Tenant;

    public override string Name => "tenant";

    public override string KindsName => "tenants";

    public override int Order => 2;

    public override string WorkspaceFile => File;

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
        return (await ReadAllAsync(client, cancellationToken).ConfigureAwait(false))
            .Where(t => wanted.Contains(t.Key))
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken) =>
        await ReadAllAsync(context.Client, cancellationToken).ConfigureAwait(false);

    private static async Task<Dictionary<string, JsonObject>> ReadAllAsync(DescopeClient client, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var tenant in await client.Tenants.LoadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            result[tenant.Id] = TenantDocuments.ToDocument(tenant);
        }

        return result;
    }

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken)
    {
        var write = TenantDocuments.ToWrite(desired);
        write.Id = id;
        return exists ? client.Tenants.UpdateAsync(write, cancellationToken) : client.Tenants.CreateAsync(write, cancellationToken);
    }

    public override Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken) =>
        client.Tenants.DeleteAsync(id, cascade, cancellationToken);

    public override IReadOnlyList<string> WriteOrder(IReadOnlyDictionary<string, JsonObject> documents) => ParentsFirst(documents);

    /// <summary>Tenant IDs with each parent before its children (restore and apply create in this order).</summary>
    public static IReadOnlyList<string> ParentsFirst(IReadOnlyDictionary<string, JsonObject> tenants) =>
        Planner.TopologicalOrder(tenants.ToDictionary(
            t => t.Key,
            t => t.Value["parent"]?.ToString() is { Length: > 0 } parent && tenants.ContainsKey(parent) ? new List<string> { parent } : [],
            StringComparer.Ordinal));

    /// <summary>
    /// The Management API sets a tenant's parent only at creation; a plan that changed it would be
    /// applied, fail verification, and be planned again forever. Say so before anything runs.
    /// </summary>
    public override void CheckChange(string id, JsonObject live, JsonObject desired)
    {
        static string Parent(JsonObject tenant) => tenant["parent"]?.ToString() ?? "";
        if (Parent(live) != Parent(desired))
        {
            throw new UserError("parent_change",
                $"Tenant '{id}' has parent '{Parent(live)}' live but '{Parent(desired)}' in tenants.yaml; the Management API cannot move a tenant.",
                (Parent(live).Length == 0 ? "Remove its `parent:` from tenants.yaml" : $"Put `parent: {Parent(live)}` back in tenants.yaml") +
                $", or delete the tenant (`descope-mgmt tenant delete {ShellWord.Quote(id)}`) so apply recreates it under the new parent.");
        }
    }

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source)
    {
        if (!source.Exists(File))
        {
            return null;
        }

        var tenants = new List<DesiredItem>();
        foreach (var entry in source.ReadList(File, "tenants", "tenants", "tenant") ?? [])
        {
            var document = TenantRules.Schema.ToDocument(entry, File, source.Problems);
            tenants.Add(new DesiredItem(document["id"]?.GetValue<string>() ?? "", document, File, Workspace.YamlNodes.Line(entry)));
        }

        TenantRules.Check(tenants, File, source.Problems);
        return tenants.GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from) =>
        [new WorkspaceFileText(File, WorkspaceWriter.YamlListText("Tenants managed by descope-mgmt", "tenants",
            live.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value), this, "id", "name"), live.Keys.ToList())];
}
