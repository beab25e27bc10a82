using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Changes;
using Spectre.Console;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>
/// Says what a change did, item by item (done, failed, may have changed, not started), with the backup,
/// the command that undoes it and, for an unfinished restore, the one that finishes it; returns the exit
/// code the outcome calls for (0, 1 nothing changed, 3 partial, 130 interrupted). A change that had
/// nothing to do, and a dry run, are results of the same shape.
/// </summary>
internal static class ChangeReportRenderer
{
    public const string NoChangesOutcome = "no-changes";

    /// <summary>Live already matched: nothing was backed up or written.</summary>
    public static int RenderNoChange(CliIO io, string operation, string message)
    {
        var document = new ChangeResultDocument(operation, NoChangesOutcome, null, [], [], null, null, null) { Message = message };
        io.Result(document, CliJsonContext.Default.ChangeResultDocument, (_, _) => io.Success(message));
        return ExitCodes.Success;
    }

    /// <summary>A signal before any write (waiting for the lock, reading live, at the prompt, during the backup): nothing changed.</summary>
    public static int RenderInterruptedBeforeChange(CliIO io, string operation, ChangeRequest? request)
    {
        var items = (request?.Items ?? []).Select(i => new ChangeItemDocument(i.Key.ToString(), i.Verb, "not-started", null)).ToList();
        var error = new ErrorBody("interrupted", $"{operation} was interrupted before it changed anything.", "Nothing was changed. Run the same command again to make the change.");
        io.Result(new ChangeResultDocument(operation, AuditOutcome.Interrupted, null, [], items, null, null, error), CliJsonContext.Default.ChangeResultDocument, static (_, _) => { });
        io.WriteError(error.Message, error.Hint);
        return ExitCodes.Interrupted;
    }

    /// <summary>A dry run: the items the change would write, each "planned"; nothing was changed.</summary>
    public static int RenderDryRun(CliIO io, string operation, ChangeRequest request, string message)
    {
        var items = request.Items.Select(i => new ChangeItemDocument(i.Key.ToString(), i.Verb, "planned", null)).ToList();
        var document = new ChangeResultDocument(operation, AuditOutcome.DryRun, null, [], items, null, null, null) { Message = message };
        io.Result(document, CliJsonContext.Default.ChangeResultDocument, (_, _) => io.Success(message));
        return ExitCodes.Success;
    }

    public static int Render(CliIO io, ChangeReport report, string? undoCommand, string? finishCommand)
    {
        var (code, message, hint, exit) = Verdict(report, finishCommand);
        var finish = report.Succeeded ? null : finishCommand;
        var undo = report.AnythingChanged ? undoCommand : null;
        // For people the whole report is the messages on stderr below; stdout carries only the JSON document.
        io.Result(new ChangeResultDocument(
            report.Operation,
            report.Outcome,
            report.BackupId,
            // A replacement is two steps of one item: the item is listed once.
            report.Done.Select(i => i.Key.ToString()).Distinct(StringComparer.Ordinal).ToList(),
            report.Items.Select(i => new ChangeItemDocument(i.Key.ToString(), i.Item.Verb, i.StatusName, i.Error)).ToList(),
            undo,
            finish,
            code is null ? null : new ErrorBody(code, message!, hint)), CliJsonContext.Default.ChangeResultDocument, static (_, _) => { });

        WriteItems(io, report);
        // Kept with --quiet, as the undo line is: both are what a script needs to go back.
        io.Essential($"Backup of the previous state: {report.BackupId}");
        if (undo is not null)
        {
            io.CommandLine("To undo:", undo);
        }

        if (finish is not null)
        {
            io.CommandLine("To finish:", finish);
        }

        if (message is not null)
        {
            io.WriteError(message, hint);
        }

        return exit;
    }

    private static void WriteItems(CliIO io, ChangeReport report)
    {
        if (report.Succeeded)
        {
            foreach (var item in report.Done)
            {
                io.Success($"✓ {item.Item.Verb} {item.Key}");
            }

            return;
        }

        io.Markup(report.Interrupted ? "[yellow]Interrupted.[/]" : $"[red]{Markup.Escape(report.Operation)} failed.[/]");
        foreach (var item in report.Items)
        {
            var label = item.Status switch
            {
                ItemStatus.Done => "[green]done[/]            ",
                ItemStatus.Failed => "[red]failed[/]          ",
                ItemStatus.MayHaveChanged => "[red]failed[/]          ",
                _ => "[grey]not started[/]     ",
            };
            var text = item.Error is null ? $"{item.Item.Verb} {item.Key}" : $"{item.Item.Verb} {item.Key}: {item.Error}";
            if (item.Status == ItemStatus.MayHaveChanged)
            {
                text += " (it may have changed)";
            }

            io.Markup($"  {label} {Markup.Escape(text)}");
        }
    }

    /// <summary>
    /// A replacement stopped between its halves leaves the item missing live: said in so many words, since the
    /// counts alone ("1 done, 1 failed") read as if something was merely left unchanged.
    /// </summary>
    private static string HalfReplaced(ChangeReport report) => string.Concat(report.HalfReplaced.Select(key =>
    {
        var deleted = report.Items.First(i => i.Key == key && i.Item.Verb == ChangeItem.ReplaceDelete).Status == ItemStatus.Done
            ? "the old one is DELETED" : "the old one may have been DELETED";
        var created = report.Items.FirstOrDefault(i => i.Key == key && i.Item.Verb == ChangeItem.ReplaceCreate)?.Status == ItemStatus.MayHaveChanged
            ? "the new one may or may not have been created" : "the new one was NOT created";
        return $". {key} was replaced halfway: {deleted} and {created}";
    }));

    private static (string? Code, string? Message, string? Hint, int Exit) Verdict(ChangeReport report, string? finishCommand)
    {
        var uncertainCount = report.MayHaveChanged.Count;
        var failedCount = report.Failed.Count + uncertainCount;
        var counts = $"{report.Done.Count} done, {failedCount} failed{(uncertainCount > 0 ? $" ({uncertainCount} may have changed)" : "")}, {report.NotStarted.Count} not started{HalfReplaced(report)}";
        var rerun = finishCommand is null
            ? "Run the same command again to finish: it only does what is still left."
            : "Run the To finish command to complete it, or the To undo command to go back."
                + (finishCommand.Contains("--secrets-out FILE", StringComparison.Ordinal) ? " FILE: a file that does not exist yet, for the new secrets." : "");
        if (report.Succeeded)
        {
            return report.AuditError is null
                ? (null, null, null, ExitCodes.Success)
                : ("audit_failed", $"{report.Operation} succeeded ({counts}), but its audit record could not be completed: {report.AuditError}",
                    "The change itself is done and backed up; make the audit folder writable (DESCOPE_MGMT_HOME moves it).", ExitCodes.Error);
        }

        if (report.Interrupted)
        {
            return ("interrupted", $"{report.Operation} was interrupted: {counts}.",
                report.AnythingChanged ? $"The previous state is in backup {report.BackupId}. {rerun}" : $"Nothing was changed. {rerun}",
                ExitCodes.Interrupted);
        }

        if (!report.AnythingChanged)
        {
            return ("change_failed", $"{report.Operation} failed: {counts}.",
                $"Nothing was changed. Backup {report.BackupId} holds the state before the attempt.", ExitCodes.Error);
        }

        var uncertain = report.MayHaveChanged.Count > 0
            ? $" {string.Join(", ", report.MayHaveChanged.Select(i => i.Key))} may or may not have changed (check with `descope-mgmt plan`)."
            : "";
        // Exit 3 says some items changed and some did not; when none is known to be done it is a failure
        // (exit 1), told as one that may have changed something.
        return report.Done.Count > 0
            ? ("partial_failure", $"{report.Operation} partly failed: {counts}.", $"The previous state is in backup {report.BackupId}.{uncertain} {rerun}", ExitCodes.PartialFailure)
            : ("change_failed", $"{report.Operation} failed: {counts}.", $"The previous state is in backup {report.BackupId}.{uncertain} {rerun}", ExitCodes.Error);
    }
}
