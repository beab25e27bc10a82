using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DescopeMgmt.Core.Workspace;

/// <summary>tenants.yaml rules: IDs and names present and unique, domains well-formed and unique, parents known.</summary>
internal static partial class TenantRules
{
    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex Domain();

    /// <summary>The fields tenant create/update write (API reference, TenantWrite), the one list of them.</summary>
    public static YamlSchema Schema { get; } = new("tenant", new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["id"] = FieldType.Text,
        ["name"] = FieldType.Text,
        ["parent"] = FieldType.Text,
        ["roleInheritance"] = FieldType.Text,
        ["authType"] = FieldType.Text,
        ["enforceSSO"] = FieldType.Boolean,
        ["disabled"] = FieldType.Boolean,
        ["selfProvisioningDomains"] = FieldType.TextList,
        ["enforceSSOExclusions"] = FieldType.TextList,
        ["federatedAppIds"] = FieldType.TextList,
        ["defaultRoles"] = FieldType.TextList,
        ["customAttributes"] = FieldType.Mapping,
    });

    public static void Check(IReadOnlyList<DesiredItem> tenants, string file, List<WorkspaceProblem> problems)
    {
        var ids = new Dictionary<string, int?>(StringComparer.Ordinal);
        var names = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
        var domains = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
        foreach (var tenant in tenants)
        {
            if (tenant.Id.Length == 0)
            {
                problems.Add(WorkspaceProblem.Error(file, tenant.Line, null, "tenant has no id"));
            }
            else if (Model.ItemIds.Problem(tenant.Id) is { } idProblem)
            {
                // The ID names sso/<tenantId>.yaml and appears in printed commands: the flow-ID rule applies.
                problems.Add(WorkspaceProblem.Error(file, tenant.Line, null, $"tenant id '{Model.ItemIds.Printable(tenant.Id)}' is not valid: {idProblem}"));
            }
            else if (!ids.TryAdd(tenant.Id, tenant.Line))
            {
                problems.Add(WorkspaceProblem.Error(file, tenant.Line, null, $"duplicate tenant id '{tenant.Id}' (first at line {ids[tenant.Id]})"));
            }

            var name = tenant.Document["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add(WorkspaceProblem.Error(file, tenant.Line, null, $"tenant '{tenant.Id}' has no name"));
            }
            else if (!names.TryAdd(name, tenant.Line))
            {
                problems.Add(WorkspaceProblem.Error(file, tenant.Line, null, $"duplicate tenant name '{name}' (first at line {names[name]})"));
            }

            foreach (var domain in (tenant.Document["selfProvisioningDomains"] as JsonArray ?? []).Select(d => d?.ToString() ?? ""))
            {
                if (!Domain().IsMatch(domain.ToLowerInvariant()))
                {
                    problems.Add(WorkspaceProblem.Error(file, tenant.Line, null, $"tenant '{tenant.Id}': '{domain}' is not a valid domain"));
                }
                else if (!domains.TryAdd(domain, tenant.Line))
                {
                    problems.Add(WorkspaceProblem.Error(file, tenant.Line, null, $"domain '{domain}' is claimed by two tenants (first at line {domains[domain]})"));
                }
            }
        }

        foreach (var tenant in tenants)
        {
            if (tenant.Document["parent"] is JsonValue p && p.TryGetValue<string>(out var parent) && parent.Length > 0 && !ids.ContainsKey(parent))
            {
                problems.Add(WorkspaceProblem.Warning(file, tenant.Line, null, $"tenant '{tenant.Id}': parent '{parent}' is not in this file (it must exist live)"));
            }
        }
    }
}
