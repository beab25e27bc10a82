namespace DescopeMgmt.Core.Audit;

/// <summary>
/// Filters of <c>audit list</c>: <see cref="Operation"/> matches as a prefix ("flow" finds "flow import"),
/// <see cref="Target"/> as a substring of any target; <see cref="FailedOnly"/> keeps failed and partial changes;
/// <see cref="TargetHost"/> keeps the changes of one host exactly (<c>local</c>: the emulator), so entries
/// that record no host never pass it.
/// </summary>
public sealed record AuditQuery(
    string? Operation = null,
    string? Target = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    bool FailedOnly = false,
    int? Limit = null,
    string? TargetHost = null)
{
    public bool Matches(AuditEntry entry) =>
        (Operation is null || entry.Operation.StartsWith(Operation, StringComparison.OrdinalIgnoreCase))
        && (Target is null || entry.Targets.Any(t => t.Contains(Target, StringComparison.OrdinalIgnoreCase)))
        && (Since is null || entry.Time >= Since)
        && (Until is null || entry.Time <= Until)
        && (TargetHost is null || Backups.BackupHost.Same(entry.TargetHost, TargetHost))
        && (!FailedOnly || entry.Outcome is AuditOutcome.Failed or AuditOutcome.Partial or AuditOutcome.Interrupted or AuditOutcome.Unknown or AuditOutcome.MayHaveChanged);
}

/// <summary>Entries newest first, and one warning per line that could not be read.</summary>
public sealed record AuditReadResult(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<string> Warnings);

