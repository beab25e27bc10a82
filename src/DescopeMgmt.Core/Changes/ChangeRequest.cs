using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Changes;

/// <summary>
/// A change to live state: the live documents to back up first, the steps, and how to read the written
/// items back. <see cref="RestoredFrom"/> names the backup a rollback restores from; <see cref="Absent"/>
/// names the items the change creates, recorded in the backup so that restoring it removes them again.
/// </summary>
public sealed record ChangeRequest(
    string Operation,
    IReadOnlyList<BackupItemContent> BackupItems,
    IReadOnlyList<ChangeItem> Items,
    ILiveReader ReadBack,
    string? Note = null,
    string? RestoredFrom = null,
    IProgress<int>? Progress = null,
    IReadOnlyList<ResourceKey>? Absent = null);
