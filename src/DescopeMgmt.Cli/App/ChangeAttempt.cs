using DescopeMgmt.Api;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.App;

/// <summary>A change this invocation set out to make; <see cref="Recorded"/> once the change runner has audited it.</summary>
public sealed record ChangeAttempt(string Operation, IReadOnlyList<ResourceKey> Targets, DateTimeOffset StartedAt, long StartedTimestamp, bool Recorded = false)
{
    /// <summary>
    /// Audits an attempt that stopped before its change ran (design: one audit line per attempted
    /// change, whatever happened). Declining or having no way to confirm is "aborted", Ctrl-C is
    /// "interrupted", anything else "failed".
    /// </summary>
    /// <summary>As <see cref="RecordIfStopped"/>, but a failure to audit only warns: it must never hide the error being reported.</summary>
    public static void TryRecordIfStopped(CommandContext context, Exception error)
    {
        try
        {
            RecordIfStopped(context, error);
        }
        catch (Exception auditError)
        {
            context.IO.Warn($"Could not write the audit line for this attempt: {auditError.Message}");
        }
    }

    public static void RecordIfStopped(CommandContext context, Exception error)
    {
        if (context.Attempt is not { Recorded: false } attempt || context.TryGetTarget() is null)
        {
            return;
        }

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
        var identity = context.Identity();
        context.AuditLog().Append(new AuditEntry
        {
            Time = attempt.StartedAt,
            User = identity.User,
            Host = identity.Host,
            ToolVersion = identity.ToolVersion,
            ProjectId = identity.ProjectId,
            Environment = identity.Environment,
            Operation = attempt.Operation,
            Targets = attempt.Targets.Select(t => t.ToString()).ToList(),
            Outcome = outcome,
            BackupIds = [],
            DurationMs = (long)context.Time.GetElapsedTime(attempt.StartedTimestamp).TotalMilliseconds,
            Error = $"{message} (nothing was changed)",
        });
    }
}
