using System.Text.Json.Nodes;
using DescopeMgmt.Core.Kinds.Permissions;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Kinds.Roles;

/// <summary>
/// roles.yaml: <c>roles:</c>, a list of {name, description, permissions, tenant, default, private}; identity
/// is (tenant, name). The permissions a role grants and its tenant are checked against permissions.yaml and
/// tenants.yaml where the workspace has them. Built-ins are not written.
/// </summary>
public sealed partial class RoleKind
{
    public const string File = "roles.yaml";

    private static readonly YamlSchema Schema = new("role", new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["name"] = FieldType.Text,
        ["tenant"] = FieldType.Text,
        ["description"] = FieldType.Text,
        ["permissions"] = FieldType.TextList,
        ["default"] = FieldType.Boolean,
        ["private"] = FieldType.Boolean,
    });

    public override string WorkspaceFile => File;

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken) =>
        await AllAsync(context.Client, cancellationToken).ConfigureAwait(false);

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source)
    {
        if (!source.Exists(File))
        {
            return null;
        }

        var roles = NamedEntries.Read(source, File, "roles", "role", Schema,
            d => d["name"]?.GetValue<string>() is { } name ? Id(d["tenant"]?.GetValue<string>(), name) : null);
        foreach (var role in roles.Values)
        {
            RoleDocuments.SortPermissions(role.Document);
        }

        return roles;
    }

    public override void CheckReferences(WorkspaceItems desired, List<WorkspaceProblem> problems)
    {
        if (desired.Of(Type) is not { } roles)
        {
            return;
        }

        var permissions = desired.Of(ResourceType.Permission);
        var tenants = desired.Of(ResourceType.Tenant);
        foreach (var role in roles.Values)
        {
            foreach (var permission in RoleDocuments.Permissions(role.Document))
            {
                if (permissions is not null && !permissions.ContainsKey(permission) && !PermissionKind.BuiltInNames.Contains(permission))
                {
                    problems.Add(WorkspaceProblem.Error(File, role.Line, null, $"role {Describe(role.Id)} grants permission '{permission}', which is not in {PermissionKind.File}"));
                }
            }

            if (Split(role.Id).TenantId is { } tenantId && tenants is not null && !tenants.ContainsKey(tenantId))
            {
                problems.Add(WorkspaceProblem.Error(File, role.Line, null, $"role {Describe(role.Id)} belongs to tenant '{tenantId}', which is not in {TenantKind.File}"));
            }
        }
    }

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from)
    {
        // Project roles first, then each tenant's, by name: the order a reader looks for them in.
        var written = live.Where(r => !IsBuiltIn(r.Value))
            .OrderBy(r => Split(r.Key).TenantId ?? "", StringComparer.Ordinal).ThenBy(r => Split(r.Key).Name, StringComparer.Ordinal).ToList();
        return [new WorkspaceFileText(File, WorkspaceWriter.YamlListText("Roles managed by descope-mgmt; built-in ones are left out", "roles",
            written.Select(r => r.Value), this, "name", "tenant"), written.Select(r => r.Key).ToList())];
    }
}
