using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// Reads a workspace for one environment: descope.yaml, then the files of every kind with <c>${VAR}</c>
/// substituted, collecting every problem instead of stopping at the first. A file
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
        var source = new WorkspaceSource(root, TemplateValues.For(config, environment, getVariable), problems) { Manage = config.Manage };
        var desired = new Dictionary<ResourceType, IReadOnlyDictionary<string, DesiredItem>>();
        foreach (var kind in ResourceKinds.All)
        {
            if (kind.ReadWorkspace(source) is { } read)
            {
                desired[kind.Type] = read;
            }
        }

        var items = new WorkspaceItems(desired);
        foreach (var kind in ResourceKinds.All)
        {
            kind.CheckReferences(items, problems);
        }

        return new LoadedWorkspace(root, config, environment, items, problems);
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
        var source = new WorkspaceSource("", TemplateValues.For(config, environment, getVariable), problems);
        var reader = new CompactJsonReader();
        foreach (var path in paths)
        {
            if (FlowKind.ParseFile(source, path, path, reader) is { } flow)
            {
                FlowRules.Check(Path.GetFileNameWithoutExtension(path), flow, path, problems);
            }
        }

        return problems;
    }
}
