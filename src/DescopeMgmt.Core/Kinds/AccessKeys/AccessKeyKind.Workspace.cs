using System.Text.Json.Nodes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Kinds.AccessKeys;

/// <summary>
/// access-keys.yaml: <c>accessKeys:</c>, a list of {name, description, roles, tenants: {tenantId: [roles]},
/// expireTime, permittedIps, customClaims, userId}; identity is the name, unique in the file. A key's tenants are
/// checked against tenants.yaml where the workspace has it. The file never holds a secret: pull writes what reads
/// return, which has none.
/// </summary>
public sealed partial class AccessKeyKind
{
    public const string File = "access-keys.yaml";

    private static readonly YamlSchema Schema = new("access key", new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["name"] = FieldType.Text,
        ["description"] = FieldType.Text,
        ["roles"] = FieldType.TextList,
        ["tenants"] = FieldType.Mapping,
        ["expireTime"] = FieldType.Integer,
        ["permittedIps"] = FieldType.TextList,
        ["customClaims"] = FieldType.Mapping,
        ["userId"] = FieldType.Text,
    });

    public override string WorkspaceFile => File;

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken) =>
        (await AllAsync(context.Client, cancellationToken).ConfigureAwait(false))
            .ToDictionary(k => k.Key, k => AccessKeyDocuments.ToDocument(k.Value), StringComparer.Ordinal);

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source)
    {
        if (!source.Exists(File))
        {
            return null;
        }

        var keys = NamedEntries.Read(source, File, "accessKeys", "access key", Schema, d => d["name"]?.GetValue<string>());
        foreach (var key in keys.Values)
        {
            CheckTenants(key, source.Problems);
            AccessKeyDocuments.Normalize(key.Document);
        }

        return keys;
    }

    /// <summary>Each tenant must map to a list of role names (or nothing, for a key in the tenant without roles).</summary>
    private static void CheckTenants(DesiredItem key, List<WorkspaceProblem> problems)
    {
        if (key.Document["tenants"] is not JsonObject tenants)
        {
            return;
        }

        foreach (var (tenantId, roles) in tenants)
        {
            if (roles is not null && !(roles is JsonArray list && list.All(r => r is JsonValue)))
            {
                problems.Add(WorkspaceProblem.Error(File, key.Line, null,
                    $"access key '{ItemIds.Printable(key.Id)}': tenants.{tenantId} must be a list of role names, e.g. {tenantId}: [Viewer]"));
            }
        }
    }

    public override void CheckReferences(WorkspaceItems desired, List<WorkspaceProblem> problems)
    {
        if (desired.Of(Type) is not { } keys || desired.Of(ResourceType.Tenant) is not { } tenants)
        {
            return;
        }

        foreach (var key in keys.Values)
        {
            if (key.Document["tenants"] is JsonObject keyTenants)
            {
                foreach (var (tenantId, _) in keyTenants.Where(t => !tenants.ContainsKey(t.Key)))
                {
                    problems.Add(WorkspaceProblem.Error(File, key.Line, null, $"access key '{ItemIds.Printable(key.Id)}' belongs to tenant '{tenantId}', which is not in {TenantKind.File}"));
                }
            }
        }
    }

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from)
    {
        var written = live.OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        return [new WorkspaceFileText(File, WorkspaceWriter.YamlListText("Access keys managed by descope-mgmt, without secrets (the service shows a key's cleartext only when it is created)", "accessKeys",
            written.Select(k => k.Value), this, "name", "description"), written.Select(k => k.Key).ToList())];
    }
}
