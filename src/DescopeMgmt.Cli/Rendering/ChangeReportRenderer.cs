using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Changes;
using Spectre.Console;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>
/// Says what a change did. On partial failure it names what was done, what failed and what was not
/// started, and gives the exact command that undoes it, then fails with exit 3 (1 if nothing changed).
/// </summary>
internal static class ChangeReportRenderer
{
    public static int Finish(CliIO io, ChangeReport report, string undoCommand)
    {
        if (report.Succeeded)
        {
            if (io.Json)
            {
                io.Result(new ChangeResultDocument(report.Operation, report.Outcome, report.BackupId,
                    report.Done.Select(i => i.Key.ToString()).ToList(), undoCommand), CliJsonContext.Default.ChangeResultDocument, (_, _) => { });
            }

            foreach (var item in report.Done)
            {
                io.Success($"✓ {item.Verb} {item.Key}");
            }

            io.Info($"Backup of the previous state: {report.BackupId}");
            io.CommandLine("To undo:", undoCommand);
            return ExitCodes.Success;
        }

        io.Err.MarkupLine(report.Interrupted ? "[yellow]Interrupted.[/]" : $"[red]{Markup.Escape(report.Operation)} failed.[/]");
        foreach (var item in report.Done)
        {
            io.Err.MarkupLine($"  [green]done[/]         {Markup.Escape($"{item.Verb} {item.Key}")}");
        }

        if (report.Failed is { } failed)
        {
            io.Err.MarkupLine($"  [red]failed[/]       {Markup.Escape($"{failed.Verb} {failed.Key}: {report.Error?.Message}")}");
        }

        foreach (var item in report.NotStarted)
        {
            io.Err.MarkupLine($"  [grey]not started[/]  {Markup.Escape($"{item.Verb} {item.Key}")}");
        }

        // A dropped connection or a timeout leaves the failed item's fate unknown: the server may have
        // applied it before the answer was lost, so "nothing was changed" would be a guess.
        var uncertain = report.Error is DescopeMgmt.Api.DescopeApiException { IsConnectionFailure: true };
        var hint = (report.Done.Count, uncertain) switch
        {
            (> 0, _) => $"The previous state is in backup {report.BackupId}. To undo what was done: {undoCommand}",
            (_, true) => $"The connection was lost, so {report.Failed?.Key} may or may not have changed; check it with `descope-mgmt plan` or undo it anyway with: {undoCommand}",
            _ => $"Nothing was changed. Backup {report.BackupId} holds the state before the attempt.",
        };
        if (report.Interrupted)
        {
            throw new UserError("interrupted", $"{report.Operation} was interrupted after {report.Done.Count} of {report.Done.Count + report.NotStarted.Count} item(s).", hint, ExitCodes.Interrupted);
        }

        var exit = report.Done.Count > 0 ? ExitCodes.PartialFailure : ExitCodes.Error;
        throw new UserError(report.Done.Count > 0 ? "partial_failure" : "change_failed",
            $"{report.Operation}: {report.Done.Count} done, 1 failed, {report.NotStarted.Count} not started.", hint, exit);
    }
}
