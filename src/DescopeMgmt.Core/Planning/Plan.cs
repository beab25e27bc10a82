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
public sealed record ResourceChange(ResourceKey Key, ChangeAction Action, IReadOnlyList<PropertyChange> Properties, JsonObject? Live, JsonObject? Desired);

/// <summary>How live differs from the workspace, in the order apply will act.</summary>
public sealed record Plan(IReadOnlyList<ResourceChange> Changes, IReadOnlyList<ResourceKey> Unmanaged)
{
    public IReadOnlyList<ResourceChange> Actionable => Changes.Where(c => c.Action != ChangeAction.NoChange).ToList();

    public bool IsEmpty => Changes.All(c => c.Action == ChangeAction.NoChange);

    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);

    public string Summary => IsEmpty
        ? "No changes. Live matches the workspace."
        : $"Plan: {Count(ChangeAction.Create)} to create, {Count(ChangeAction.Update)} to update, {Count(ChangeAction.Delete)} to delete.";
}

/// <summary>Which item types a plan covers (<c>--only</c>).</summary>
public sealed record PlanScope(bool Flows, bool Theme, bool Tenants)
{
    public static PlanScope From(IReadOnlySet<ResourceType> types) =>
        new(types.Contains(ResourceType.Flow), types.Contains(ResourceType.Theme), types.Contains(ResourceType.Tenant));

    public IReadOnlySet<ResourceType> Types => new[] { (Flows, ResourceType.Flow), (Theme, ResourceType.Theme), (Tenants, ResourceType.Tenant) }
        .Where(t => t.Item1).Select(t => t.Item2).ToHashSet();
}
