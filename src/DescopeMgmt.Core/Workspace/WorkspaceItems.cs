using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Workspace;

/// <summary>The desired items of every kind the workspace holds a file for; a kind without one is absent, not empty.</summary>
public sealed class WorkspaceItems(IReadOnlyDictionary<ResourceType, IReadOnlyDictionary<string, DesiredItem>> byKind)
{
    private static readonly IReadOnlyDictionary<string, DesiredItem> None = new Dictionary<string, DesiredItem>();

    /// <summary>The kind's items, or null when the workspace holds no file for it.</summary>
    public IReadOnlyDictionary<string, DesiredItem>? Of(ResourceType type) => byKind.GetValueOrDefault(type);

    /// <summary>The kind's items, empty when the workspace holds no file for it.</summary>
    public IReadOnlyDictionary<string, DesiredItem> OrEmpty(ResourceType type) => Of(type) ?? None;

    public bool Holds(ResourceType type) => byKind.ContainsKey(type);

    public IEnumerable<ResourceType> Kinds => byKind.Keys;
}

/// <summary>One workspace file as pull writes it, and the IDs of the items it holds.</summary>
public sealed record WorkspaceFileText(string File, string Text, IReadOnlyCollection<string> Ids);
