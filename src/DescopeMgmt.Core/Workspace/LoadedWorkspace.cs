using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Workspace;

/// <summary>A workspace read for one environment, templates substituted, with every problem found.</summary>
public sealed record LoadedWorkspace(
    string Root,
    WorkspaceConfig Config,
    EnvironmentConfig? Environment,
    WorkspaceItems Desired,
    IReadOnlyList<WorkspaceProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    public IReadOnlyDictionary<string, DesiredItem> Flows => Desired.OrEmpty(ResourceType.Flow);

    public JsonObject? Theme => Desired.Of(ResourceType.Theme)?.GetValueOrDefault(ResourceKey.ThemeId)?.Document;

    /// <summary>Throws with every problem listed when there is at least one error.</summary>
    public LoadedWorkspace EnsureValid() => HasErrors ? throw new WorkspaceInvalidError(Problems) : this;
}
