using DescopeMgmt.Api;
using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Locking;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Changes;

/// <summary>
/// One attempted change to live state, start to end: the refusal check, the project's lock (held from
/// before live is read until the record is complete, so a concurrent change can never slip in between),
/// the backup (no backup, no change), the writes in order, one read-back of everything written, and the
/// audit record: written when the change starts, updated once the backup exists and completed at the end,
/// so even a killed change reads as "unknown" with its backup. An attempt that stops before it changes
/// anything (refused, declined, locked, unreadable live state) gets one record saying so.
/// </summary>
public sealed class ChangeSession
{
    private readonly ChangeSessions _owner;
    private readonly string _operation;
    private readonly IReadOnlyList<ResourceKey> _targets;
    private readonly DateTimeOffset _startedAt;
    private readonly long _started;

    internal ChangeSession(ChangeSessions owner, string operation, IReadOnlyList<ResourceKey> targets, DateTimeOffset startedAt, long started)
    {
        _owner = owner;
        _operation = operation;
        _targets = targets;
        _startedAt = startedAt;
        _started = started;
    }

    /// <summary>
    /// Runs the attempt. Returns null when <see cref="ChangeSteps.PrepareAsync"/> found nothing to do, the
    /// report when the change ran (whatever its outcome), and rethrows what stopped it before it ran.
    /// </summary>
    public async Task<ChangeReport?> RunAsync(ChangeSteps steps, CancellationToken cancellationToken)
    {
        ProjectLock? held = null;
        try
        {
            ChangeRequest? request;
            try
            {
                steps.EnsureCanConfirm();
                held = await ProjectLock.AcquireAsync(_owner.LockDirectory, _owner.Identity.ProjectId, _operation, ChangeSessions.LockWait, _owner.Time, cancellationToken).ConfigureAwait(false);
                request = await steps.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                RecordStopped(ex);
                throw;
            }

            if (request is null)
            {
                return null;
            }

            return steps.ShowProgress is { } show
                ? await show(request.Items.Count, progress => ChangeAsync(request with { Progress = progress }, cancellationToken)).ConfigureAwait(false)
                : await ChangeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (held is not null)
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ChangeReport> ChangeAsync(ChangeRequest request, CancellationToken cancellationToken)
    {
        var record = Entry(request.Items.Select(i => i.Key), AuditOutcome.Unknown, null) with
        {
            Id = Guid.NewGuid().ToString("N"),
            RollbackOf = request.RestoredFrom,
            Items = request.Items.Select(i => new AuditItem(i.Key.ToString(), i.Verb, "not-started")).ToList(),
        };

        // No record, no change: a change the audit cannot see is exactly what it exists to prevent.
        try
        {
            _owner.Audit.Append(record);
        }
        catch (UserError ex)
        {
            throw new UserError(ex.Code, $"{ex.Message} Nothing was changed: a change starts only once the audit log can record it.", ex.Hint, ex);
        }

        BackupManifest backup;
        try
        {
            backup = await _owner.Backups.CreateAsync(new BackupRequest(_owner.Identity.ProjectId, _owner.Identity.Environment, request.Operation,
                request.Note, _owner.Identity.User, _owner.Identity.ToolVersion, request.BackupItems, request.Absent?.Where(k => k.CanBeAbsent).ToList(),
                Host: _owner.Identity.TargetHost, RollbackOf: request.RestoredFrom), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var cancelled = ex is OperationCanceledException;
            TryAppend(record with
            {
                Outcome = cancelled ? AuditOutcome.Interrupted : AuditOutcome.Failed,
                Error = cancelled ? "interrupted while the backup was written (nothing was changed)" : $"backup failed: {ex.Message}",
                DurationMs = ElapsedMs(),
            });
            throw;
        }

        record = record with { BackupIds = [backup.Id], PreRollbackBackupId = request.RestoredFrom is null ? null : backup.Id };
        var auditError = TryAppend(record);

        var (results, interruptedAt) = await WriteAllAsync(request, cancellationToken).ConfigureAwait(false);
        if (interruptedAt is null)
        {
            results = await ReadBackAsync(request.ReadBack, results, cancellationToken).ConfigureAwait(false);
        }

        var interrupted = interruptedAt is not null || (cancellationToken.IsCancellationRequested && results.Any(r => r.Status != ItemStatus.Done));
        var report = new ChangeReport(request.Operation, backup.Id, results, interrupted)
        {
            RestoredFrom = request.RestoredFrom,
        };
        auditError = TryAppend(record with
        {
            Outcome = report.Outcome,
            Items = results.Select(r => new AuditItem(r.Key.ToString(), r.Item.Verb, r.StatusName, r.Error)).ToList(),
            Error = results.FirstOrDefault(r => r.Error is not null)?.Error,
            DurationMs = ElapsedMs(),
        }) ?? auditError;
        return report with { AuditError = auditError };
    }

    /// <summary>
    /// Writes each item in order, stopping at the first failure. A signal is honoured between items: the
    /// write in flight finishes (its answer says whether the item changed), nothing new starts.
    /// </summary>
    private static async Task<(List<ItemResult> Results, int? InterruptedAt)> WriteAllAsync(ChangeRequest request, CancellationToken cancellationToken)
    {
        var results = new List<ItemResult>(request.Items.Count);
        int? interruptedAt = null;
        var stopped = false;
        var written = 0;
        foreach (var item in request.Items)
        {
            if (stopped)
            {
                results.Add(new ItemResult(item, ItemStatus.NotStarted));
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                interruptedAt = results.Count;
                stopped = true;
                results.Add(new ItemResult(item, ItemStatus.NotStarted));
                continue;
            }

            try
            {
                await item.WriteAsync(cancellationToken).ConfigureAwait(false);
                results.Add(new ItemResult(item, ItemStatus.Done));
            }
            catch (Exception ex)
            {
                stopped = true;
                if (ex is WriteNotSentException)
                {
                    interruptedAt = results.Count;
                    results.Add(new ItemResult(item, ItemStatus.NotStarted));
                }
                else if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    interruptedAt = results.Count;
                    results.Add(new ItemResult(item, ItemStatus.MayHaveChanged, "interrupted while it was being written"));
                }
                else
                {
                    results.Add(new ItemResult(item, WriteFailure.MayHaveChanged(ex) ? ItemStatus.MayHaveChanged : ItemStatus.Failed, ex.Message));
                }

                continue;
            }

            // Outside the write's try: a failing progress display must not turn a written item into a failed one.
            request.Progress?.Report(++written);
        }

        return (results, interruptedAt);
    }

    /// <summary>
    /// One read per kind of everything written: an item that reads back different, or whose read-back
    /// failed, may have changed but is not known to be right.
    /// </summary>
    private static async Task<List<ItemResult>> ReadBackAsync(ILiveReader reader, List<ItemResult> results, CancellationToken cancellationToken)
    {
        var written = results.Where(r => r.Status == ItemStatus.Done).Select(r => r.Key).Distinct().ToList();
        if (written.Count == 0)
        {
            return results;
        }

        IReadOnlyDictionary<ResourceKey, System.Text.Json.Nodes.JsonObject?> after;
        try
        {
            after = await reader.ReadAsync(written, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var why = ex is OperationCanceledException ? "interrupted before it could be read back" : $"written, but reading it back failed: {ex.Message}";
            return results.Select(r => r.Status == ItemStatus.Done ? r with { Status = ItemStatus.MayHaveChanged, Error = why } : r).ToList();
        }

        // Only the last step sent for a key says what it must read back as: a replacement's delete is followed
        // by the create of the same key, which reads back as the new item.
        var last = new Dictionary<ResourceKey, int>();
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Status is ItemStatus.Done or ItemStatus.MayHaveChanged)
            {
                last[results[i].Key] = i;
            }
        }

        return results.Select((r, i) => r.Status == ItemStatus.Done && last[r.Key] == i && Mismatch(r.Item, after.GetValueOrDefault(r.Key)) is { } problem
            ? r with { Status = ItemStatus.MayHaveChanged, Error = problem }
            : r).ToList();
    }

    private static string? Mismatch(ChangeItem item, System.Text.Json.Nodes.JsonObject? after)
    {
        if (item.Expected is null)
        {
            return after is null ? null : "deleted, but it still reads back";
        }

        if (after is null)
        {
            return "written, but it reads back as missing";
        }

        var remaining = JsonDiff.Compare(after, item.Expected, DiffOptions.For(item.Key.Type));
        return remaining.Count == 0 ? null : $"written, but it reads back different ({string.Join(", ", remaining.Take(3).Select(c => c.Path))})";
    }

    /// <summary>Records an attempt that stopped before it changed anything; never hides the error that stopped it.</summary>
    private void RecordStopped(Exception error)
    {
        var outcome = error switch
        {
            UserError { Code: "aborted" or "confirmation_required" } => AuditOutcome.Aborted,
            OperationCanceledException => AuditOutcome.Interrupted,
            _ => AuditOutcome.Failed,
        };
        var message = error switch
        {
            UserError or DescopeApiException => error.Message,
            OperationCanceledException => "interrupted before the change started",
            _ => $"{error.GetType().Name}: {error.Message}",
        };
        TryAppend(Entry(_targets, outcome, $"{message} (nothing was changed)"));
    }

    /// <summary>Appends, returning the failure instead of throwing: the change it describes has already happened (or not) either way.</summary>
    private string? TryAppend(AuditEntry entry)
    {
        try
        {
            _owner.Audit.Append(entry);
            return null;
        }
        catch (Exception ex) when (ex is UserError or IOException or UnauthorizedAccessException)
        {
            _owner.Warn($"Could not write the audit record: {ex.Message}");
            return ex.Message;
        }
    }

    private AuditEntry Entry(IEnumerable<ResourceKey> targets, string outcome, string? error) => new()
    {
        Time = _startedAt,
        User = _owner.Identity.User,
        Host = _owner.Identity.Host,
        TargetHost = _owner.Identity.TargetHost,
        ToolVersion = _owner.Identity.ToolVersion,
        ProjectId = _owner.Identity.ProjectId,
        Environment = _owner.Identity.Environment,
        Operation = _operation,
        Targets = targets.Select(k => k.ToString()).ToList(),
        Outcome = outcome,
        DurationMs = ElapsedMs(),
        Error = error,
    };

    private long ElapsedMs() => (long)_owner.Time.GetElapsedTime(_started).TotalMilliseconds;
}
