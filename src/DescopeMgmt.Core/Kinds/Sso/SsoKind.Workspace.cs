using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Kinds.Sso;

/// <summary>
/// <c>sso/&lt;tenantId&gt;.yaml</c>, one per managed tenant: <c>sso:</c>, a list of {ssoId, displayName, domains,
/// saml: {...} | oidc: {...}}; identity is the SSO ID, unique in the file (left out for the tenant's default
/// configuration). A file must name a tenant that <c>manage.sso</c> covers and, where the workspace has
/// tenants.yaml, one it holds. The OIDC client secret is only ever <c>${NAME}</c>; pull never writes one.
/// </summary>
public sealed partial class SsoKind
{
    public const string Folder = "sso";

    private const string ListKey = "sso";

    private static readonly YamlSchema Schema = new("SSO configuration", new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["ssoId"] = FieldType.Text,
        ["displayName"] = FieldType.Text,
        ["domains"] = FieldType.TextList,
        ["saml"] = FieldType.Mapping,
        ["oidc"] = FieldType.Mapping,
    });

    private static readonly YamlSchema SamlSchema = new("SAML configuration", new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["idpMetadataUrl"] = FieldType.Text,
        ["idpUrl"] = FieldType.Text,
        ["entityId"] = FieldType.Text,
        ["idpCert"] = FieldType.Text,
        ["spACSUrl"] = FieldType.Text,
        ["spEntityId"] = FieldType.Text,
        ["redirectUrl"] = FieldType.Text,
        ["roleMappings"] = FieldType.MappingList,
        ["attributeMapping"] = FieldType.Mapping,
        ["defaultSSORoles"] = FieldType.TextList,
    });

    private static readonly YamlSchema OidcSchema = new("OIDC configuration", new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["name"] = FieldType.Text,
        ["clientId"] = FieldType.Text,
        ["clientSecret"] = FieldType.Text,
        ["redirectUrl"] = FieldType.Text,
        ["authUrl"] = FieldType.Text,
        ["tokenUrl"] = FieldType.Text,
        ["userDataUrl"] = FieldType.Text,
        ["JWKsUrl"] = FieldType.Text,
        ["issuer"] = FieldType.Text,
        ["callbackDomain"] = FieldType.Text,
        ["grantType"] = FieldType.Text,
        ["scope"] = FieldType.TextList,
        ["prompt"] = FieldType.TextList,
        ["manageProviderTokens"] = FieldType.Boolean,
        ["userAttrMapping"] = FieldType.Mapping,
        ["roleMappings"] = FieldType.MappingList,
    });

    private static readonly YamlSchema RoleMappingSchema = new("role mapping", new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["groups"] = FieldType.TextList,
        ["roleName"] = FieldType.Text,
    });

    public override string WorkspaceFile => Folder + "/";

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source)
    {
        var folder = Path.Combine(source.Root, Folder);
        if (File.Exists(folder))
        {
            source.Problems.Add(WorkspaceProblem.Error(Folder, null, null, "is a file; sso/ must be a folder holding one <tenantId>.yaml per tenant whose SSO is managed"));
            return new Dictionary<string, DesiredItem>(StringComparer.Ordinal);
        }

        // No folder: SSO is not planned at all (never "no configurations", which would delete them with deleteMissing).
        if (!Directory.Exists(folder))
        {
            return null;
        }

        // A tenant's file named .yml would otherwise be left out without a word, and its configurations never planned.
        foreach (var path in Directory.GetFiles(folder, "*.yml").Order(StringComparer.Ordinal))
        {
            source.Problems.Add(WorkspaceProblem.Error(WorkspaceLayout.Relative(source.Root, path), 1, 1,
                $"is not read: SSO files are named <tenantId>.yaml (rename it to {Folder}/{Path.GetFileNameWithoutExtension(path)}.yaml)"));
        }

        var items = new Dictionary<string, DesiredItem>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var file = WorkspaceLayout.Relative(source.Root, path);
            var tenantId = Path.GetFileNameWithoutExtension(path);
            if (!source.Manage.ManagesListed(Type, tenantId))
            {
                source.Problems.Add(WorkspaceProblem.Error(file, 1, 1,
                    $"tenant '{tenantId}' is not managed for SSO: add it to manage.sso in {WorkspaceConfigReader.FileName} (sso: [{tenantId}], or sso: all), or remove this file"));
                continue;
            }

            foreach (var entry in source.ReadList(file, ListKey, "SSO configurations", "SSO configuration") ?? [])
            {
                var entrySsoId = YamlNodes.Scalar(entry.Children.FirstOrDefault(p => YamlNodes.Scalar(p.Key) == "ssoId").Value) ?? "";
                SensitiveFields.CheckPlaceholders(this, entry, file, entrySsoId.Length == 0 ? "the default SSO configuration" : $"SSO configuration '{entrySsoId}'", source);
                if (ReadEntry(source, file, tenantId, entry) is not { } item)
                {
                    continue;
                }

                if (items.TryGetValue(item.Id, out var first))
                {
                    source.Error(file, entry, Split(item.Id).SsoId.Length == 0
                        ? $"a second default SSO configuration (no ssoId; the first is at line {first.Line}): give each other configuration its ssoId"
                        : $"duplicate ssoId '{Split(item.Id).SsoId}' (first at line {first.Line})");
                }
                else
                {
                    items[item.Id] = item;
                }
            }
        }

        return items;
    }

    private DesiredItem? ReadEntry(WorkspaceSource source, string file, string tenantId, YamlMappingNode entry)
    {
        var document = Schema.ToDocument(entry, file, source.Problems);
        var ssoId = document["ssoId"]?.GetValue<string>() ?? "";
        var what = ssoId.Length == 0 ? "the default SSO configuration" : $"SSO configuration '{ssoId}'";
        // An SSO ID names one item in plans, backups and messages, as the service's own answers are checked to.
        if (ssoId.Length > 0 && Api.WireIds.PathProblem(ssoId) is { } problem)
        {
            source.Error(file, entry, $"ssoId '{Api.WireIds.Printable(ssoId)}' cannot name one SSO configuration: {problem}");
            return null;
        }

        var saml = Nested(source, file, entry, "saml", SamlSchema, document);
        var oidc = Nested(source, file, entry, "oidc", OidcSchema, document);
        if (saml is not null && oidc is not null)
        {
            source.Error(file, entry, $"{what} has both saml and oidc: a configuration uses one protocol (switching it is an in-place change: replace one with the other)");
            return null;
        }

        if (saml is null && oidc is null && ssoId.Length == 0)
        {
            source.Error(file, entry, $"{what} (no ssoId) needs saml: or oidc:; give a configuration that is not set up yet its ssoId");
            return null;
        }

        SsoDocuments.Normalize(document);
        return new DesiredItem(Id(tenantId, ssoId), document, file, YamlNodes.Line(entry));
    }

    /// <summary>The entry's <paramref name="field"/> (saml or oidc) checked against its own schema, role mappings included; null when absent.</summary>
    private static JsonObject? Nested(WorkspaceSource source, string file, YamlMappingNode entry, string field, YamlSchema schema, JsonObject document)
    {
        if (entry.Children.FirstOrDefault(p => YamlNodes.Scalar(p.Key) == field).Value is not YamlMappingNode node)
        {
            return null;
        }

        var settings = schema.ToDocument(node, file, source.Problems);
        if (node.Children.FirstOrDefault(p => YamlNodes.Scalar(p.Key) == "roleMappings").Value is YamlSequenceNode mappings)
        {
            settings["roleMappings"] = new JsonArray(mappings.Children.OfType<YamlMappingNode>()
                .Select(m => (JsonNode?)RoleMappingSchema.ToDocument(m, file, source.Problems)).ToArray());
        }

        document[field] = settings;
        return settings;
    }

    public override void CheckReferences(WorkspaceItems desired, List<WorkspaceProblem> problems)
    {
        if (desired.Of(Type) is not { } configurations || desired.Of(ResourceType.Tenant) is not { } tenants)
        {
            return;
        }

        foreach (var (tenantId, file) in configurations.Values.Select(c => (Split(c.Id).TenantId, c.File)).Distinct())
        {
            if (!tenants.ContainsKey(tenantId))
            {
                problems.Add(WorkspaceProblem.Error(file, 1, 1, $"tenant '{tenantId}' is not in {TenantKind.File}: an SSO configuration needs its tenant"));
            }
        }
    }

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from)
    {
        var files = new List<WorkspaceFileText>();
        foreach (var tenant in live.GroupBy(c => Split(c.Key).TenantId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            ItemIds.EnsureSafe(tenant.Key, "tenant", "GET /v1/mgmt/tenant/all");
            var yaml = new StringBuilder()
                .Append("# SSO configurations of tenant '").Append(tenant.Key).Append("' managed by descope-mgmt (placeholders are substituted per environment).\n")
                .Append("# The OIDC client secret is never written here. To send one, add clientSecret under oidc as a placeholder of a variable, never the\n")
                .Append("# secret itself; without it the service keeps its own.\n")
                .Append("sso:\n");
            // The default configuration first, then by SSO ID.
            foreach (var (_, document) in tenant.OrderBy(c => Split(c.Key).SsoId, StringComparer.Ordinal))
            {
                var first = true;
                foreach (var field in (string[])["ssoId", "displayName", "domains", "saml", "oidc"])
                {
                    if (document[field] is not { } value || WorkspaceWriter.IsEmpty(value))
                    {
                        continue;
                    }

                    yaml.Append(first ? "  - " : "    ").Append(field).Append(':');
                    first = false;
                    if (value is JsonObject settings)
                    {
                        yaml.Append('\n');
                        foreach (var (name, setting) in settings.Where(s => s.Value is not null && !WorkspaceWriter.IsEmpty(s.Value)))
                        {
                            yaml.Append("      ").Append(name).Append(": ").Append(WorkspaceWriter.Inline(setting!)).Append('\n');
                        }
                    }
                    else
                    {
                        yaml.Append(' ').Append(WorkspaceWriter.Inline(value)).Append('\n');
                    }
                }

                if (first)
                {
                    yaml.Append("  - {}\n");
                }
            }

            files.Add(new WorkspaceFileText($"{Folder}/{tenant.Key}.yaml", yaml.ToString(), tenant.Select(c => c.Key).ToList()));
        }

        return files;
    }

    public override IEnumerable<string> FilesNotLive(string root, IReadOnlyDictionary<string, JsonObject> live, ManageConfig manage)
    {
        var folder = Path.Combine(root, Folder);
        var tenants = live.Keys.Select(id => Split(id).TenantId).ToHashSet(StringComparer.Ordinal);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml")
                .Where(f => manage.ManagesListed(Type, Path.GetFileNameWithoutExtension(f)) && !tenants.Contains(Path.GetFileNameWithoutExtension(f)))
                .Select(f => WorkspaceLayout.Relative(root, f))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
    }
}
