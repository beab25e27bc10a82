using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Locking;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Changes;

/// <summary>
/// The envelope of every change to live state: one change per project at a time (lock), a backup of
/// what will be touched before anything changes (no backup, no change), the steps in order stopping at
/// the first failure, and one audit entry whatever happens.
/// </summary>
public sealed class ChangeRunner(
    ChangeIdentity identity,
    BackupStore backups,
    AuditLog audit,
    string lockDirectory,
    TimeProvider time)
{
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Takes the project's lock. Callers take it before they read the live state they will show, back up
    /// and change, so a concurrent change can never slip in between and be overwritten unbacked.
    /// </summary>
    public async Task<LockedChange> LockAsync(string operation, CancellationToken cancellationToken) =>
        new(this, await ProjectLock.AcquireAsync(lockDirectory, identity.ProjectId, operation, LockWait, time, cancellationToken).ConfigureAwait(false));

    /// <summary>Backs up, applies the items in order and audits; the caller holds the project's lock.</summary>
    internal async Task<ChangeReport> RunLockedAsync(ChangeRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        BackupManifest backup;
        try
        {
            backup = await backups.CreateAsync(new BackupRequest(identity.ProjectId, identity.Environment, request.Operation,
                request.Note, identity.User, identity.ToolVersion, request.BackupItems, request.Absent?.Where(k => k.CanBeAbsent).ToList(),
                Host: identity.TargetHost, RollbackOf: request.RollbackOf), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Record(request, null, AuditOutcome.Interrupted, "interrupted while the backup was written, nothing changed", startedAt, started);
            throw;
        }
        catch (Exception ex)
        {
            Record(request, null, AuditOutcome.Failed, $"backup failed, nothing changed: {ex.Message}", startedAt, started);
            throw;
        }

        var done = new List<ChangeItem>();
        ChangeItem? failed = null;
        Exception? error = null;
        var interrupted = false;
        foreach (var item in request.Items)
        {
            // Ctrl-C is honoured between items: the item in flight finishes, so nothing is left half-written.
            if (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }

            try
            {
                await item.ApplyAsync(CancellationToken.None).ConfigureAwait(false);
                done.Add(item);
                request.Progress?.Report(done.Count);
            }
            catch (Exception ex)
            {
                failed = item;
                error = ex;
                break;
            }
        }

        var notStarted = request.Items.Skip(done.Count + (failed is null ? 0 : 1)).ToList();
        var report = new ChangeReport(request.Operation, backup.Id, done, failed, error, notStarted, interrupted, time.GetElapsedTime(started));
        Record(request, backup.Id, report.Outcome, error?.Message, startedAt, started);
        return report;
    }

    private void Record(ChangeRequest request, string? backupId, string outcome, string? error, DateTimeOffset startedAt, long started) =>
        audit.Append(Entry(request.Operation, request.Items.Select(i => i.Key), outcome, error, startedAt, started) with
        {
            BackupIds = backupId is null ? [] : [backupId],
            RollbackOf = request.RollbackOf,
            PreRollbackBackupId = request.RollbackOf is null ? null : backupId,
        });

    /// <summary>
    /// Audits an attempt that stopped before any change ran (declined, refused, locked, bad backup, API
    /// down): one audit line per attempted change, whatever happened.
    /// </summary>
    public void RecordStopped(string operation, IEnumerable<ResourceKey> targets, string outcome, string error, DateTimeOffset startedAt, long started) =>
        audit.Append(Entry(operation, targets, outcome, $"{error} (nothing was changed)", startedAt, started));

    private AuditEntry Entry(string operation, IEnumerable<ResourceKey> targets, string outcome, string? error, DateTimeOffset startedAt, long started) => new()
    {
        Time = startedAt,
        User = identity.User,
        Host = identity.Host,
        TargetHost = identity.TargetHost,
        ToolVersion = identity.ToolVersion,
        ProjectId = identity.ProjectId,
        Environment = identity.Environment,
        Operation = operation,
        Targets = targets.Select(k => k.ToString()).ToList(),
        Outcome = outcome,
        DurationMs = (long)time.GetElapsedTime(started).TotalMilliseconds,
        Error = error,
    };
}

/// <summary>The project's lock, held from before live is read until the change is audited.</summary>
public sealed class LockedChange(ChangeRunner runner, ProjectLock projectLock) : IAsyncDisposable
{
    public Task<ChangeReport> RunAsync(ChangeRequest request, CancellationToken cancellationToken) =>
        runner.RunLockedAsync(request, cancellationToken);

    public ValueTask DisposeAsync() => projectLock.DisposeAsync();
}
