using System.Text.Json.Nodes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Kinds.Permissions;

/// <summary>permissions.yaml: <c>permissions:</c>, a list of {name, description}; built-ins are not written.</summary>
public sealed partial class PermissionKind
{
    public const string File = "permissions.yaml";

    private static readonly YamlSchema Schema = new("permission", new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["name"] = FieldType.Text,
        ["description"] = FieldType.Text,
    });

    public override string WorkspaceFile => File;

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken) =>
        await AllAsync(context.Client, cancellationToken).ConfigureAwait(false);

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source) =>
        source.Exists(File) ? NamedEntries.Read(source, File, "permissions", "permission", Schema, d => d["name"]?.GetValue<string>()) : null;

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from)
    {
        var written = live.Where(p => !IsBuiltIn(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        return [new WorkspaceFileText(File, WorkspaceWriter.YamlListText("Permissions managed by descope-mgmt; built-in ones are left out", "permissions",
            written.Select(p => p.Value), this, "name"), written.Select(p => p.Key).ToList())];
    }
}
