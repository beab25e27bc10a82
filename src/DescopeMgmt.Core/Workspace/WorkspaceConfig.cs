namespace DescopeMgmt.Core.Workspace;

/// <summary>One environment of descope.yaml; the key is only ever a variable name.</summary>
public sealed record EnvironmentConfig(
    string Name,
    string ProjectId,
    string? ManagementKeyVariable,
    string? BaseUrl,
    IReadOnlyDictionary<string, string> Vars,
    bool IsProtected);

/// <summary>The <c>manage:</c> section: what the workspace owns; every kind is managed unless turned off.</summary>
public sealed record ManageConfig(IReadOnlySet<string>? Flows, IReadOnlySet<Model.ResourceType> Off, bool DeleteMissing)
{
    public static ManageConfig Default { get; } = new(null, new HashSet<Model.ResourceType>(), false);

    public bool Manages(Model.ResourceType type) => !Off.Contains(type);

    /// <summary>True for every flow when <c>flows: all</c>, else only for the listed IDs.</summary>
    public bool ManagesFlow(string id) => Flows is null || Flows.Contains(id);
}

/// <summary>descope.yaml.</summary>
public sealed record WorkspaceConfig(
    string Path,
    IReadOnlyDictionary<string, EnvironmentConfig> Environments,
    string? DefaultEnvironment,
    ManageConfig Manage);
