using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Changes;

/// <summary>
/// One step of a change: what it touches, a verb for messages ("import", "delete"...), what the item must
/// read back as once written (<see cref="Expected"/>; null for a deletion), and the write itself. Steps
/// only write: the session reads every written item back at once after the last write.
/// </summary>
public sealed record ChangeItem(ResourceKey Key, string Verb, JsonObject? Expected, Func<CancellationToken, Task> WriteAsync)
{
    /// <summary>
    /// The verbs of a replacement's two steps, the old item deleted and then the new one created (names are
    /// unique, so never the other way round): reported and audited as two steps, so a replacement stopped
    /// halfway says the old item is gone and the new one not there.
    /// </summary>
    public const string ReplaceDelete = "replace-delete";

    /// <inheritdoc cref="ReplaceDelete"/>
    public const string ReplaceCreate = "replace-create";

    /// <summary>
    /// The two steps that replace <paramref name="key"/>: delete it, then create <paramref name="desired"/>. The
    /// delete's read-back is superseded by the create's (the same key reads back as the new item).
    /// </summary>
    public static IEnumerable<ChangeItem> Replacement(ResourceKey key, JsonObject desired, Func<CancellationToken, Task> deleteAsync, Func<CancellationToken, Task> createAsync) =>
    [
        new ChangeItem(key, ReplaceDelete, null, deleteAsync),
        new ChangeItem(key, ReplaceCreate, desired, createAsync),
    ];
}

/// <summary>What became of one step.</summary>
public enum ItemStatus
{
    /// <summary>Written and read back as expected.</summary>
    Done,

    /// <summary>The service refused the write: this item did not change.</summary>
    Failed,

    /// <summary>
    /// The write was sent but its answer was lost, or it answered but reading it back failed or differed:
    /// the item may have changed, so the undo command applies to it.
    /// </summary>
    MayHaveChanged,

    /// <summary>Never sent.</summary>
    NotStarted,
}

public sealed record ItemResult(ChangeItem Item, ItemStatus Status, string? Error = null)
{
    public ResourceKey Key => Item.Key;

    /// <summary>The audit and JSON spelling of <see cref="Status"/>.</summary>
    public string StatusName => Status switch
    {
        ItemStatus.Done => "done",
        ItemStatus.Failed => "failed",
        ItemStatus.MayHaveChanged => "may-have-changed",
        _ => "not-started",
    };
}
