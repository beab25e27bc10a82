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
}

/// <summary>What a rollback or restore will do, computed before anything changes.</summary>
public sealed record RestorePlan(string Source, string? BackupId, IReadOnlyList<RestorePlanItem> Items)
{
    public IReadOnlyList<RestorePlanItem> ToChange => Items.Where(i => !i.IsUnchanged).ToList();
}
