using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Changes;

/// <summary>
/// A change to live state: the live documents to back up first, the steps, and what to record.
/// <see cref="RollbackOf"/> names the backup a rollback restores from; <see cref="Absent"/> names the
/// items the change creates, recorded in the backup so that restoring it removes them again.
/// </summary>
public sealed record ChangeRequest(
    string Operation,
    IReadOnlyList<BackupItemContent> BackupItems,
    IReadOnlyList<ChangeItem> Items,
    string? Note = null,
    string? RollbackOf = null,
    IProgress<int>? Progress = null,
    IReadOnlyList<ResourceKey>? Absent = null);
