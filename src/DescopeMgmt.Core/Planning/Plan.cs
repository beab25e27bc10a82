using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Planning;

public enum ChangeAction
{
    NoChange,
    Create,
    Update,
    Delete,
}

/// <summary>One item of a plan: what happens to it and, for updates, which fields change.</summary>
public sealed record ResourceChange(ResourceKey Key, ChangeAction Action, IReadOnlyList<PropertyChange> Properties, JsonObject? Live, JsonObject? Desired)
{
    /// <summary>
    /// The document apply sends when it is not <see cref="Desired"/>: <see cref="Desired"/> shows sensitive values as
    /// <see cref="Kinds.SensitiveFields.Shown"/>, this holds them; never shown, saved or stored.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public JsonObject? Write { get; init; }
}

/// <summary>
/// How live differs from the workspace, in the order apply will act. Unmanaged items are live items the
/// workspace does not hold; built-in ones are the project's own (permissions, roles), never changed.
/// </summary>
public sealed record Plan(IReadOnlyList<ResourceChange> Changes, IReadOnlyList<ResourceKey> Unmanaged)
{
    public IReadOnlyList<ResourceKey> BuiltIn { get; init; } = [];

    public IReadOnlyList<ResourceChange> Actionable => Changes.Where(c => c.Action != ChangeAction.NoChange).ToList();

    public bool IsEmpty => Changes.All(c => c.Action == ChangeAction.NoChange);

    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);

    public string Summary => IsEmpty
        ? "No changes. Live matches the workspace."
        : $"Plan: {Count(ChangeAction.Create)} to create, {Count(ChangeAction.Update)} to update, {Count(ChangeAction.Delete)} to delete.";
}

/// <summary>Which kinds a plan covers (<c>--only</c>).</summary>
public sealed record PlanScope(IReadOnlySet<ResourceType> Types)
{
    public static PlanScope All { get; } = new(Kinds.ResourceKinds.All.Select(k => k.Type).ToHashSet());

    public static PlanScope From(IReadOnlySet<ResourceType> types) => new(types);

    public bool Covers(ResourceType type) => Types.Contains(type);
}
