using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Planning;

public enum ChangeAction
{
    NoChange,
    Create,
    Update,
    Delete,

    /// <summary>
    /// Delete the live item, then create it anew: a field changes that the API cannot update (an access key's
    /// expiry), as Terraform's <c>-/+</c>. The kind decides (<see cref="Kinds.ResourceKind.ReplaceFields"/>).
    /// </summary>
    Replace,
}

/// <summary>One item of a plan: what happens to it and, for updates and replacements, which fields change.</summary>
public sealed record ResourceChange(ResourceKey Key, ChangeAction Action, IReadOnlyList<PropertyChange> Properties, JsonObject? Live, JsonObject? Desired)
{
    /// <summary>For a replacement: the changed fields the API cannot update, which force it.</summary>
    public IReadOnlyList<string> ReplaceFields { get; init; } = [];

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
        : $"Plan: {Counts}.";

    /// <summary>
    /// "1 to create, 0 to update, 0 to delete": replacements are counted on their own, and only when the plan
    /// has any (most plans never do, and their summary keeps its three counts).
    /// </summary>
    public string Counts =>
        $"{Count(ChangeAction.Create)} to create, {Count(ChangeAction.Update)} to update, {Count(ChangeAction.Delete)} to delete"
        + (Count(ChangeAction.Replace) is > 0 and var replaced ? $", {replaced} to replace" : "");

    /// <summary>
    /// The items the plan creates that answer a secret once (an access key's cleartext), replacements included:
    /// each needs a place for it before anything runs. The kind says which do.
    /// </summary>
    public int SecretsCreated => Actionable.Count(c => c.Action is ChangeAction.Create or ChangeAction.Replace && Kinds.ResourceKinds.Of(c.Key).CreatesSecrets);

    /// <summary>
    /// Whether undoing the plan (restoring its backup) creates items that answer a secret: it deletes or replaces
    /// one, which the restore brings back with a new secret, so the undo command needs a place for it too.
    /// </summary>
    public bool UndoCreatesSecrets => Actionable.Any(c => c.Action is ChangeAction.Delete or ChangeAction.Replace && Kinds.ResourceKinds.Of(c.Key).CreatesSecrets);
}

/// <summary>Which kinds a plan covers (<c>--only</c>).</summary>
public sealed record PlanScope(IReadOnlySet<ResourceType> Types)
{
    public static PlanScope All { get; } = new(Kinds.ResourceKinds.All.Select(k => k.Type).ToHashSet());

    public static PlanScope From(IReadOnlySet<ResourceType> types) => new(types);

    public bool Covers(ResourceType type) => Types.Contains(type);
}
