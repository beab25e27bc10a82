using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// Reads a workspace for one environment: descope.yaml, then every flow, the theme and tenants.yaml
/// with <c>${VAR}</c> substituted, collecting every problem instead of stopping at the first.
/// </summary>
public static class WorkspaceLoader
{
    public static LoadedWorkspace Load(string root, string? environmentName, Func<string, string?> getVariable)
    {
        var problems = new List<WorkspaceProblem>();
        var config = WorkspaceConfigReader.Read(root, problems);
        var environment = EnvironmentFor(config, environmentName, problems);
        var lookup = EnvironmentConfig.Lookup(environment, getVariable);
        var flows = ReadFlows(root, lookup, problems);
        var theme = ReadTheme(root, lookup, problems);
        var tenants = ReadTenants(root, lookup, problems);
        return new LoadedWorkspace(root, config, environment, flows, theme, tenants, problems);
    }

    /// <summary>The environment the workspace is read for: the named one, else defaultEnvironment; an unknown name is a problem.</summary>
    public static EnvironmentConfig? EnvironmentFor(WorkspaceConfig config, string? environmentName, List<WorkspaceProblem> problems)
    {
        var name = environmentName ?? config.DefaultEnvironment;
        EnvironmentConfig? environment = null;
        if (name is not null && !config.Environments.TryGetValue(name, out environment))
        {
            problems.Add(WorkspaceProblem.Error(WorkspaceConfigReader.FileName, null, null, $"environment '{name}' is not defined"));
        }

        return environment;
    }

    /// <summary>Checks flow files outside a workspace (flow validate FILES...): syntax and flow rules.</summary>
    public static IReadOnlyList<WorkspaceProblem> ValidateFlowFiles(IEnumerable<string> paths, Func<string, string?> getVariable)
    {
        var problems = new List<WorkspaceProblem>();
        var reader = new CompactJsonReader();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                problems.Add(WorkspaceProblem.Error(path, null, null, "file not found"));
                continue;
            }

            if (ParseElement(path, path, getVariable, problems, reader) is { ValueKind: JsonValueKind.Object } flow)
            {
                FlowRules.Check(Path.GetFileNameWithoutExtension(path), flow, path, problems);
            }
        }

        return problems;
    }

    private static Dictionary<string, WorkspaceFlow> ReadFlows(string root, Func<string, string?> lookup, List<WorkspaceProblem> problems)
    {
        var flows = new Dictionary<string, WorkspaceFlow>(StringComparer.Ordinal);
        var folder = Path.Combine(root, WorkspaceLayout.FlowsFolder);
        if (!Directory.Exists(folder))
        {
            return flows;
        }

        var reader = new CompactJsonReader();
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = WorkspaceLayout.Relative(root, path);
            var id = Path.GetFileNameWithoutExtension(path);
            if (ParseElement(path, file, lookup, problems, reader) is { ValueKind: JsonValueKind.Object } raw)
            {
                FlowRules.Check(id, raw, file, problems);
                flows[id] = new WorkspaceFlow(id, raw, file);
            }
        }

        return flows;
    }

    private static JsonObject? ReadTheme(string root, Func<string, string?> lookup, List<WorkspaceProblem> problems)
    {
        var path = Path.Combine(root, WorkspaceLayout.ThemeFile);
        return File.Exists(path) ? ParseJson(path, WorkspaceLayout.ThemeFile, lookup, problems) as JsonObject : null;
    }

    private static List<WorkspaceTenant>? ReadTenants(string root, Func<string, string?> lookup, List<WorkspaceProblem> problems)
    {
        var path = Path.Combine(root, WorkspaceLayout.TenantsFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var file = WorkspaceLayout.TenantsFile;
        var text = TemplateText.Substitute(File.ReadAllText(path), file, lookup, problems);
        var tenants = new List<WorkspaceTenant>();
        var top = YamlNodes.Parse(text, file, problems);
        var listNode = top switch
        {
            YamlMappingNode map => map.Children.FirstOrDefault(p => YamlNodes.Scalar(p.Key) == "tenants").Value,
            _ => top,
        };
        var list = listNode as YamlSequenceNode;
        // `tenants:` with nothing after it is an empty list, as YAML reads it and as pull writes it.
        var emptyList = listNode is YamlScalarNode scalar && string.IsNullOrEmpty(scalar.Value);
        if (top is not null && list is null && !emptyList)
        {
            problems.Add(WorkspaceProblem.Error(file, 1, 1, "expected 'tenants:' followed by a list of tenants"));
            return tenants;
        }

        foreach (var item in list?.Children ?? [])
        {
            if (YamlNodes.ToJson(item) is not JsonObject tenant)
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(item), YamlNodes.Column(item), "each tenant must be a mapping with id and name"));
                continue;
            }

            var id = tenant["id"]?.ToString() ?? "";
            tenants.Add(new WorkspaceTenant(id, tenant, YamlNodes.Line(item)));
        }

        TenantRules.Check(tenants, file, problems);
        return tenants;
    }

    private static JsonNode? ParseJson(string path, string file, Func<string, string?> lookup, List<WorkspaceProblem> problems) =>
        ParseElement(path, file, lookup, problems, new CompactJsonReader()) is { } element ? Live.SnapshotFlows.ToNode(element) : null;

    /// <summary>The file's JSON as a compact element, or null with the problem recorded.</summary>
    private static JsonElement? ParseElement(string path, string file, Func<string, string?> lookup, List<WorkspaceProblem> problems, CompactJsonReader reader)
    {
        // Most flow files hold no placeholder: parse their bytes directly instead of decoding,
        // substituting and re-encoding tens of megabytes of text for a large workspace.
        var bytes = reader.ReadAllBytes(path);
        try
        {
            if (bytes.Span.IndexOf("${"u8) >= 0)
            {
                bytes = System.Text.Encoding.UTF8.GetBytes(TemplateText.Substitute(System.Text.Encoding.UTF8.GetString(bytes.Span), file, lookup, problems));
            }

            return reader.Parse(bytes);
        }
        catch (JsonException ex)
        {
            // Duplicate keys (a git merge that left a line twice) are refused by the parser itself.
            problems.Add(WorkspaceProblem.Error(file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"invalid JSON: {FirstSentence(ex.Message)}"));
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
