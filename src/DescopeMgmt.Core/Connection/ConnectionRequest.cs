namespace DescopeMgmt.Core.Connection;

/// <summary>What the user gave to choose a project: flags, environment variables, workspace.</summary>
public sealed record ConnectionRequest(
    string? ProjectIdFlag,
    string? BaseUrlFlag,
    bool LocalFlag,
    string? EnvironmentFlag,
    Func<string, string?> GetVariable,
    WorkspaceEnvironmentSource? Workspace);

/// <summary>The workspace's environments as the resolver needs them (already loaded by the caller).</summary>
public sealed record WorkspaceEnvironmentSource(
    string DescopeYamlPath,
    string? DefaultEnvironment,
    IReadOnlyDictionary<string, WorkspaceEnvironmentInfo> Environments);

/// <summary>One environment: its management key is a variable name, never a literal.</summary>
public sealed record WorkspaceEnvironmentInfo(string ProjectId, string? ManagementKeyVariable, string? BaseUrl, bool IsProtected);
