using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// Reads a workspace for one environment: descope.yaml, then every flow, the theme and tenants.yaml
/// with <c>${VAR}</c> substituted, collecting every problem instead of stopping at the first. A file
/// that does not parse, or parses to the wrong shape, is a problem: it is never read as "no items",
/// which with deleteMissing would delete live items.
/// </summary>
public static class WorkspaceLoader
{
    public static LoadedWorkspace Load(string root, string? environmentName, Func<string, string?> getVariable)
    {
        var problems = new List<WorkspaceProblem>();
        var config = WorkspaceConfigReader.Read(root, problems);
        var environment = EnvironmentFor(config, environmentName, problems);
        var values = TemplateValues.For(config, environment, getVariable);
        var flows = ReadFlows(root, values, problems);
        var theme = ReadTheme(root, values, problems);
        var tenants = ReadTenants(root, values, problems);
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

    /// <summary>
    /// Checks flow files outside a workspace (flow validate FILES...): syntax and flow rules, placeholders
    /// filled for <paramref name="environment"/> (null outside a workspace).
    /// </summary>
    public static IReadOnlyList<WorkspaceProblem> ValidateFlowFiles(IEnumerable<string> paths, WorkspaceConfig? config, EnvironmentConfig? environment, Func<string, string?> getVariable)
    {
        var problems = new List<WorkspaceProblem>();
        var values = TemplateValues.For(config, environment, getVariable);
        var reader = new CompactJsonReader();
        foreach (var path in paths)
        {
            if (ParseFlow(path, path, values, problems, reader) is { } flow)
            {
                FlowRules.Check(Path.GetFileNameWithoutExtension(path), flow, path, problems);
            }
        }

        return problems;
    }

    private static Dictionary<string, WorkspaceFlow> ReadFlows(string root, TemplateValues values, List<WorkspaceProblem> problems)
    {
        var flows = new Dictionary<string, WorkspaceFlow>(StringComparer.Ordinal);
        var folder = Path.Combine(root, WorkspaceLayout.FlowsFolder);
        if (File.Exists(folder))
        {
            problems.Add(WorkspaceProblem.Error(WorkspaceLayout.FlowsFolder, null, null, "is a file; flows/ must be a folder holding one <flowId>.json per flow"));
            return flows;
        }

        if (!Directory.Exists(folder))
        {
            return flows;
        }

        var reader = new CompactJsonReader();
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = WorkspaceLayout.Relative(root, path);
            var id = Path.GetFileNameWithoutExtension(path);
            if (ParseFlow(path, file, values, problems, reader) is { } raw)
            {
                FlowRules.Check(id, raw, file, problems);
                flows[id] = new WorkspaceFlow(id, raw, file);
            }
        }

        return flows;
    }

    /// <summary>The flow file's object, or null with the problem recorded (a file holding null, a list or a number is not "no flow").</summary>
    private static JsonElement? ParseFlow(string path, string file, TemplateValues values, List<WorkspaceProblem> problems, CompactJsonReader reader)
    {
        if (ParseElement(path, file, values, problems, reader) is not { } flow)
        {
            return null;
        }

        if (flow.ValueKind != JsonValueKind.Object)
        {
            problems.Add(WorkspaceProblem.Error(file, 1, 1, $"holds {JsonKinds.Describe(flow.ValueKind)}, not a flow: a flow file is one JSON object (flowId, metadata, contents, screens)"));
            return null;
        }

        return flow;
    }

    private static JsonObject? ReadTheme(string root, TemplateValues values, List<WorkspaceProblem> problems)
    {
        var path = Path.Combine(root, WorkspaceLayout.ThemeFile);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return null;
        }

        if (ParseElement(path, WorkspaceLayout.ThemeFile, values, problems, new CompactJsonReader()) is not { } element)
        {
            return null;
        }

        var theme = Live.SnapshotFlows.ToNode(element);
        var shapeProblems = ThemeRules.Problems(theme);
        foreach (var problem in shapeProblems)
        {
            problems.Add(WorkspaceProblem.Error(WorkspaceLayout.ThemeFile, null, null, problem.ToString()));
        }

        return shapeProblems.Count == 0 ? theme as JsonObject : null;
    }

    private static List<WorkspaceTenant>? ReadTenants(string root, TemplateValues values, List<WorkspaceProblem> problems)
    {
        var path = Path.Combine(root, WorkspaceLayout.TenantsFile);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return null;
        }

        var file = WorkspaceLayout.TenantsFile;
        var tenants = new List<WorkspaceTenant>();
        var (raw, failure) = WorkspaceFiles.ReadText(path);
        if (failure is not null)
        {
            problems.Add(WorkspaceProblem.Error(file, failure.Line, null, failure.Message));
            return tenants;
        }

        var problemsBefore = problems.Count;
        var top = YamlNodes.Parse(TemplateText.Substitute(raw!, file, values, problems), file, problems);
        if (top is null)
        {
            if (problems.Count == problemsBefore)
            {
                // Deleting every live tenant because the file was emptied by mistake is what this prevents.
                problems.Add(WorkspaceProblem.Error(file, 1, 1, "holds no tenants list (the file is empty or only comments): write `tenants: []` to manage no tenants, or delete the file to leave tenants unmanaged"));
            }

            return tenants;
        }

        var map = top as YamlMappingNode;
        var listNode = map?.Children.FirstOrDefault(p => YamlNodes.Scalar(p.Key) == "tenants").Value;
        if (map is null || map.Children.Count != 1 || listNode is null)
        {
            problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(top), YamlNodes.Column(top), "expected only 'tenants:' followed by a list of tenants (`tenants: []` for none)"));
            return tenants;
        }

        if (listNode is not YamlSequenceNode list)
        {
            problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(listNode), YamlNodes.Column(listNode),
                "'tenants' must be a list of tenants, each '- id: ...' with its name (`tenants: []` for none)"));
            return tenants;
        }

        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode entry)
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(item), YamlNodes.Column(item), "each tenant must be a mapping with id and name, not an empty or plain entry"));
                continue;
            }

            var tenant = TenantYaml.ToDocument(entry, file, problems);
            tenants.Add(new WorkspaceTenant(tenant["id"]?.GetValue<string>() ?? "", tenant, YamlNodes.Line(item)));
        }

        TenantRules.Check(tenants, file, problems);
        return tenants;
    }

    /// <summary>The file's JSON as a compact element, or null with the problem recorded.</summary>
    private static JsonElement? ParseElement(string path, string file, TemplateValues values, List<WorkspaceProblem> problems, CompactJsonReader reader)
    {
        if (reader.Read(path) is { } failure)
        {
            problems.Add(WorkspaceProblem.Error(file, failure.Line, null, failure.Message));
            return null;
        }

        // Most flow files hold no placeholder: parse their bytes directly instead of decoding,
        // substituting and re-encoding tens of megabytes of text for a large workspace.
        var bytes = reader.Bytes;
        try
        {
            if (bytes.Span.IndexOf("${"u8) >= 0)
            {
                bytes = System.Text.Encoding.UTF8.GetBytes(TemplateText.Substitute(System.Text.Encoding.UTF8.GetString(bytes.Span), file, values, problems));
            }

            return reader.Parse(bytes);
        }
        catch (JsonException ex)
        {
            // Duplicate keys (a git merge that left a line twice) and nesting deeper than the limit are refused by the parser itself.
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
