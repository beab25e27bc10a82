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
    /// <summary>Without <c>manage:</c> every kind is managed except those managed item by item, which are opt-in.</summary>
    public static ManageConfig Default { get; } = new(null, Kinds.ResourceKinds.All.Where(k => k.ManagedByList).Select(k => k.Type).ToHashSet(), false);

    /// <summary>
    /// For kinds managed item by item (<c>sso: [acme]</c>): the IDs listed, or null for <c>all</c>. A kind absent
    /// here and not <see cref="Off"/> is managed whole.
    /// </summary>
    public IReadOnlyDictionary<Model.ResourceType, IReadOnlySet<string>?> Listed { get; init; } = new Dictionary<Model.ResourceType, IReadOnlySet<string>?>();

    public bool Manages(Model.ResourceType type) => !Off.Contains(type);

    /// <summary>Whether the kind is managed for <paramref name="id"/> (a tenant, for SSO): listed, or the kind managed for all.</summary>
    public bool ManagesListed(Model.ResourceType type, string id) =>
        Manages(type) && (!Listed.TryGetValue(type, out var ids) || ids is null || ids.Contains(id));

    /// <summary>True for every flow when <c>flows: all</c>, else only for the listed IDs.</summary>
    public bool ManagesFlow(string id) => Flows is null || Flows.Contains(id);
}

/// <summary>descope.yaml.</summary>
public sealed record WorkspaceConfig(
    string Path,
    IReadOnlyDictionary<string, EnvironmentConfig> Environments,
    string? DefaultEnvironment,
    ManageConfig Manage);
