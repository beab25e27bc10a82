using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Workspace;

/// <summary>A workspace flow; <see cref="Raw"/> is the parsed file the document lazily wraps (for cheap equality).</summary>
public sealed record WorkspaceFlow(string Id, JsonObject Document, string File)
{
    public System.Text.Json.JsonElement? Raw { get; init; }
}

public sealed record WorkspaceTenant(string Id, JsonObject Document, int Line);

/// <summary>A workspace read for one environment, templates substituted, with every problem found.</summary>
public sealed record LoadedWorkspace(
    string Root,
    WorkspaceConfig Config,
    EnvironmentConfig? Environment,
    IReadOnlyDictionary<string, WorkspaceFlow> Flows,
    JsonObject? Theme,
    IReadOnlyList<WorkspaceTenant>? Tenants,
    IReadOnlyList<WorkspaceProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    /// <summary>Throws with every problem listed when there is at least one error.</summary>
    public LoadedWorkspace EnsureValid() => HasErrors ? throw new WorkspaceInvalidError(Problems) : this;
}
