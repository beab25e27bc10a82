using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Changes;

/// <summary>Starts change sessions for one target; <paramref name="warn"/> receives what must be said but cannot stop the change.</summary>
public sealed class ChangeSessions(
    ChangeIdentity identity,
    BackupStore backups,
    AuditLog audit,
    string lockDirectory,
    TimeProvider time,
    Action<string> warn)
{
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);

    internal ChangeIdentity Identity => identity;

    internal BackupStore Backups => backups;

    internal AuditLog Audit => audit;

    internal string LockDirectory => lockDirectory;

    internal TimeProvider Time => time;

    internal Action<string> Warn => warn;

    /// <summary>Marks the start of an attempted change (no I/O yet); <see cref="ChangeSession.RunAsync"/> does the rest.</summary>
    public ChangeSession Begin(string operation, IReadOnlyList<ResourceKey>? targets = null) =>
        new(this, operation, targets ?? [], time.GetUtcNow(), time.GetTimestamp());
}
