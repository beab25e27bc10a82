using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Kinds.PasswordPolicies;

/// <summary>
/// password.yaml: <c>project:</c> with the project's policy fields and <c>tenants:</c> mapping tenant IDs
/// to theirs. Policies cannot be listed, so live is read for the project and for each tenant the file names.
/// </summary>
public sealed partial class PasswordPolicyKind
{
    public const string File = "password.yaml";

    private const string Expected = "expected `project:` with the policy fields and/or `tenants:` mapping each tenant ID to its policy fields";

    private static readonly YamlSchema Schema = new("password policy",
        Fields.ToDictionary(f => f.Name, f => f.Kind == PasswordPolicyValueKind.Bool ? FieldType.Boolean : FieldType.Integer, StringComparer.Ordinal));

    public override string WorkspaceFile => File;

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var id in context.Wanted(Type).Prepend(ProjectId).Distinct(StringComparer.Ordinal))
        {
            if (await GetAsync(context.Client, id, cancellationToken).ConfigureAwait(false) is { } policy)
            {
                result[id] = policy;
            }
        }

        return result;
    }

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source)
    {
        if (!source.Exists(File))
        {
            return null;
        }

        var policies = new Dictionary<string, DesiredItem>(StringComparer.Ordinal);
        if (source.ReadMapping(File, "write `project:` with the policy fields, or delete the file to leave password policies unmanaged", Expected) is not { } map)
        {
            return policies;
        }

        void Add(string? tenantId, YamlNode node, string where)
        {
            if (node is not YamlMappingNode fields)
            {
                source.Error(File, node, $"{where} must be a mapping of policy fields ({string.Join(", ", Schema.Names)})");
                return;
            }

            var document = Schema.ToDocument(fields, File, source.Problems);
            foreach (var problem in Problems(document))
            {
                source.Error(File, fields, $"{where}: {problem}");
            }

            // The write replaces every field, so a field the file leaves out is set to its zero value: the
            // desired policy says so, and compares with what the service reads back.
            policies[Id(tenantId)] = new DesiredItem(Id(tenantId), PasswordPolicyDocuments.Complete(document, Id(tenantId)), File, YamlNodes.Line(fields));
        }

        foreach (var (keyNode, value) in map.Children)
        {
            switch (YamlNodes.Scalar(keyNode))
            {
                case "project":
                    Add(null, value, "project");
                    break;
                case "tenants" when value is YamlMappingNode tenants:
                    foreach (var (tenantNode, policy) in tenants.Children)
                    {
                        if (YamlNodes.Scalar(tenantNode) is { Length: > 0 } tenantId)
                        {
                            Add(tenantId, policy, $"tenants.{tenantId}");
                        }
                        else
                        {
                            source.Error(File, tenantNode, "each key of 'tenants' must be a tenant ID");
                        }
                    }

                    break;
                case "tenants":
                    source.Error(File, value, "'tenants' must map each tenant ID to its policy fields");
                    break;
                default:
                    source.Error(File, keyNode, $"unknown key '{YamlNodes.Scalar(keyNode)}': {Expected}");
                    break;
            }
        }

        return policies;
    }

    public override void CheckReferences(WorkspaceItems desired, List<WorkspaceProblem> problems)
    {
        if (desired.Of(Type) is not { } policies || desired.Of(ResourceType.Tenant) is not { } tenants)
        {
            return;
        }

        foreach (var policy in policies.Values)
        {
            if (TenantOf(policy.Id) is { } tenantId && !tenants.ContainsKey(tenantId))
            {
                problems.Add(WorkspaceProblem.Error(File, policy.Line, null, $"tenants.{tenantId}: tenant '{tenantId}' is not in {TenantKind.File}"));
            }
        }
    }

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from)
    {
        var yaml = new StringBuilder("# Password policies managed by descope-mgmt (placeholders are substituted per environment).\n");
        void Policy(JsonObject policy, string indent)
        {
            var known = Fields.Select(f => f.Name).ToList();
            foreach (var (field, value) in WorkspaceWriter.WithoutServerFields(policy, this)
                .OrderBy(p => known.IndexOf(p.Key) is var at and >= 0 ? at : known.Count).ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                if (value is not null)
                {
                    yaml.Append(indent).Append(field).Append(": ").Append(WorkspaceWriter.Inline(value)).Append('\n');
                }
            }
        }

        if (live.TryGetValue(ProjectId, out var project))
        {
            yaml.Append("project:\n");
            Policy(project, "  ");
        }

        var tenants = live.Where(p => p.Key != ProjectId).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (tenants.Count > 0)
        {
            yaml.Append("tenants:\n");
            foreach (var (id, policy) in tenants)
            {
                yaml.Append("  ").Append(WorkspaceWriter.Inline(JsonValue.Create(TenantOf(id))!)).Append(":\n");
                Policy(policy, "    ");
            }
        }

        return [new WorkspaceFileText(File, yaml.ToString(), live.Keys.ToList())];
    }
}
