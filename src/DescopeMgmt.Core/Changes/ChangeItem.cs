using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Changes;

/// <summary>One step of a change: what it touches, a verb for messages ("import", "delete"...), and the work.</summary>
public sealed record ChangeItem(ResourceKey Key, string Verb, Func<CancellationToken, Task> ApplyAsync);

/// <summary>The result of a change, whole or partial.</summary>
public sealed record ChangeReport(
    string Operation,
    string? BackupId,
    IReadOnlyList<ChangeItem> Done,
    ChangeItem? Failed,
    Exception? Error,
    IReadOnlyList<ChangeItem> NotStarted,
    bool Interrupted,
    TimeSpan Duration)
{
    public bool Succeeded => Failed is null && !Interrupted && NotStarted.Count == 0;

    public string Outcome => this switch
    {
        { Interrupted: true } => AuditOutcome.Interrupted,
        { Failed: null } => AuditOutcome.Success,
        { Done.Count: > 0 } => AuditOutcome.Partial,
        _ => AuditOutcome.Failed,
    };
}
