using DescopeMgmt.Api;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.App;

/// <summary>A change this invocation set out to make; <see cref="Recorded"/> once the change runner has audited it.</summary>
public sealed record ChangeAttempt(string Operation, IReadOnlyList<ResourceKey> Targets, DateTimeOffset StartedAt, long StartedTimestamp, bool Recorded = false)
{
    /// <summary>
    /// Audits an attempt that stopped before its change ran. Declining or having no way to confirm is
    /// "aborted", Ctrl-C is "interrupted", anything else "failed". A failure to audit only warns: it must
    /// never hide the error being reported.
    /// </summary>
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

    private static void RecordIfStopped(CommandContext context, Exception error)
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
        context.ChangeRunner().RecordStopped(attempt.Operation, attempt.Targets, outcome, message, attempt.StartedAt, attempt.StartedTimestamp);
    }
}
