using DescopeMgmt.Core.Backups;

namespace DescopeMgmt.Core.Changes;

/// <summary>
/// A change to live state: the live documents to back up first, the steps, and what to record.
/// <see cref="RollbackOf"/> names the backup a rollback restores from.
/// </summary>
public sealed record ChangeRequest(
    string Operation,
    IReadOnlyList<BackupItemContent> BackupItems,
    IReadOnlyList<ChangeItem> Items,
    string? Note = null,
    string? RollbackOf = null,
    IProgress<int>? Progress = null);
