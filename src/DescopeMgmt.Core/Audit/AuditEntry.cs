namespace DescopeMgmt.Core.Audit;

/// <summary>One attempted change to live state, as one line of <c>audit/YYYY-MM-DD.jsonl</c>.</summary>
public sealed record AuditEntry
{
    /// <summary>
    /// The attempt this line belongs to. A change writes its record when it starts and again as it
    /// progresses; readers keep the last line of each ID, so a killed change still reads as
    /// <see cref="AuditOutcome.Unknown"/> with its backup.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>When the change started (UTC); left default, <see cref="AuditLog.Append"/> stamps the current time.</summary>
    public DateTimeOffset Time { get; init; }

    public string User { get; init; } = "";

    /// <summary>The machine the command ran on (its name); the target's host is <see cref="TargetHost"/>.</summary>
    public string Host { get; init; } = "";

    /// <summary>
    /// The host of the project changed (<c>local</c> for the emulator and loopback URLs), so the audit
    /// never says a real project changed when it was the emulator; null in entries written before it.
    /// </summary>
    public string? TargetHost { get; init; }

    public string ToolVersion { get; init; } = "";

    public string? ProjectId { get; init; }

    public string? Environment { get; init; }

    /// <summary>The command, e.g. <c>flow import</c>, <c>apply</c>, <c>flow rollback</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>What was touched, as <c>flow:sign-in</c>, <c>tenant:T1</c>, <c>theme:theme</c>.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Per item: what it was to do and what became of it (done, failed, may-have-changed, not-started).</summary>
    public IReadOnlyList<AuditItem>? Items { get; init; }

    /// <summary>One of <see cref="AuditOutcome"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Backups taken before the change.</summary>
    public IReadOnlyList<string> BackupIds { get; init; } = [];

    /// <summary>For a rollback or restore: the backup whose content was put back.</summary>
    public string? RollbackOf { get; init; }

    /// <summary>For a rollback or restore: the backup of what it overwrote, which undoes it.</summary>
    public string? PreRollbackBackupId { get; init; }

    public long DurationMs { get; init; }

    public string? Error { get; init; }

    public IReadOnlyDictionary<string, string>? Details { get; init; }
}

/// <summary>The values of <see cref="AuditEntry.Outcome"/>.</summary>
public static class AuditOutcome
{
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Partial = "partial";
    public const string Aborted = "aborted";

    /// <summary>Ctrl-C stopped a multi-item change between items; what was done is in the targets and backups.</summary>
    public const string Interrupted = "interrupted";
    public const string DryRun = "dry-run";

    /// <summary>Nothing is known to be done, but a write may have taken (its answer or its read-back was lost).</summary>
    public const string MayHaveChanged = "may-have-changed";

    /// <summary>The change started and its end was never recorded (killed, or still running).</summary>
    public const string Unknown = "unknown";
}

/// <summary>One item of a change as the audit records it.</summary>
public sealed record AuditItem(string Target, string Action, string Result, string? Error = null);
