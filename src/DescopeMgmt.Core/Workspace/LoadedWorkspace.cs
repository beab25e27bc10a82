using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// A workspace flow: <see cref="Raw"/> is the parsed file, which equality tests and planning read without
/// building nodes; <see cref="Document"/> lazily wraps it for the differ and for apply.
/// </summary>
public sealed record WorkspaceFlow(string Id, System.Text.Json.JsonElement Raw, string File)
{
    public JsonObject Document { get; } = JsonObject.Create(Raw) ?? [];
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
