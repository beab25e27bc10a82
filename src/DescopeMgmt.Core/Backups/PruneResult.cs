namespace DescopeMgmt.Core.Backups;

/// <summary>What <c>backup prune</c> removed (or would remove, on a dry run) and what it kept.</summary>
public sealed record PruneResult(IReadOnlyList<BackupSummary> Removed, IReadOnlyList<BackupSummary> Kept, bool DryRun);
