using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Rollback;

/// <summary>
/// One item to put back: the backed-up content (null when the backup records that the item did not
/// exist, so putting it back means deleting it), what is live now, and how they differ.
/// </summary>
public sealed record RestorePlanItem(ResourceKey Key, JsonObject? Content, JsonObject? Live, IReadOnlyList<PropertyChange> Changes)
{
    public bool IsUnchanged => Content is null ? Live is null : Live is not null && Changes.Count == 0;

    /// <summary>
    /// The changed fields the API cannot update (an access key's expiry), which make putting the item back a
    /// replacement: delete the live one, create the backed-up one anew. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> ReplaceFields { get; init; } = [];

    /// <summary>Whether putting it back creates it (recreated, or replaced), and so answers a new secret where its kind has one.</summary>
    public bool Creates => Content is not null && (Live is null || ReplaceFields.Count > 0);
}

/// <summary>What a rollback or restore will do, computed before anything changes.</summary>
public sealed record RestorePlan(string Source, string? BackupId, IReadOnlyList<RestorePlanItem> Items)
{
    public IReadOnlyList<RestorePlanItem> ToChange => Items.Where(i => !i.IsUnchanged).ToList();

    /// <summary>The items it creates whose kind answers a secret once (a deleted access key comes back with a new one).</summary>
    public int SecretsCreated => ToChange.Count(i => i.Creates && Kinds.ResourceKinds.Of(i.Key).CreatesSecrets);

    /// <summary>Whether undoing the restore creates such items again: it removes or replaces one, which the undo brings back.</summary>
    public bool UndoCreatesSecrets => ToChange.Any(i => (i.Content is null || i.ReplaceFields.Count > 0) && Kinds.ResourceKinds.Of(i.Key).CreatesSecrets);
}
