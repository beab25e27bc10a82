namespace DescopeMgmt.Core.Audit;

/// <summary>One past rollback or restore, for <c>rollback history</c>.</summary>
public sealed record RollbackRecord(
    DateTimeOffset When,
    string User,
    string Operation,
    string? ProjectId,
    string? Environment,
    IReadOnlyList<string> Targets,
    string? FromBackupId,
    string? PreRollbackBackupId,
    string Outcome,
    string? Error);

public sealed record RollbackRecordList(IReadOnlyList<RollbackRecord> Items);

/// <summary>Projects the audit log onto the rollbacks and restores it records, newest first.</summary>
public static class RollbackHistory
{
    private static readonly string[] RollbackOperations = ["flow rollback", "tenant rollback", "backup restore"];

    public static bool IsRollback(string operation) =>
        RollbackOperations.Any(o => operation.StartsWith(o, StringComparison.OrdinalIgnoreCase));

    // A dry run restored nothing, so it is not part of the history.
    public static IReadOnlyList<RollbackRecord> From(IEnumerable<AuditEntry> entries) => entries
        .Where(e => IsRollback(e.Operation) && e.Outcome != AuditOutcome.DryRun)
        .OrderByDescending(e => e.Time)
        .Select(e => new RollbackRecord(
            e.Time,
            e.User,
            e.Operation,
            e.ProjectId,
            e.Environment,
            e.Targets,
            e.RollbackOf,
            e.PreRollbackBackupId,
            e.Outcome,
            e.Error))
        .ToList();
}
