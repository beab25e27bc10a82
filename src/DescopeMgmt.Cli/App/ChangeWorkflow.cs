using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.App;

/// <summary>What preparing a change found: a change to make, or nothing to do.</summary>
internal abstract record Preparation;

/// <summary>Live already is what the command asks for; the message says so.</summary>
internal sealed record NoChange(string Message) : Preparation;

/// <summary>
/// A change a command has worked out and shown: the question to confirm, what a dry run says, the
/// request to run, and the commands that undo it (from the backup the change takes; null for a change
/// nothing can undo, such as a rotated secret) and, for a
/// restore, finish it (from the backup it restores).
/// </summary>
internal sealed record PreparedChange(
    string Question,
    string DryRunMessage,
    ChangeRequest Request,
    Func<string, string?> UndoCommand,
    string? FinishCommand = null) : Preparation;

/// <summary>
/// What a changing command contributes: its operation, the items it names up front (for the audit of an
/// attempt that stops early), and how to read live, show the difference and build the change. Prepare
/// runs under the project's lock unless this is a dry run; it returns <see cref="NoChange"/> when there is
/// nothing to do.
/// </summary>
internal sealed record ChangeCommand(
    string Operation,
    bool DryRun,
    Func<CancellationToken, Task<Preparation>> PrepareAsync,
    IReadOnlyList<ResourceKey>? Targets = null);

/// <summary>
/// The one path every command that changes live state takes (apply, sync, imports, deletes, tenant
/// create/update, rollbacks, restore): a dry run only prepares; otherwise the Core change session runs
/// the attempt (refusal check, lock, backup, writes, read-back, audit) with the confirmation and the
/// progress bar supplied here, and the report is rendered into the exit code. Every outcome, including
/// "no changes" and a dry run, is rendered as the same change result.
/// </summary>
internal static class ChangeWorkflow
{
    public static async Task<int> RunAsync(CommandContext context, ChangeCommand command, CancellationToken cancellationToken)
    {
        if (command.DryRun)
        {
            return await command.PrepareAsync(cancellationToken).ConfigureAwait(false) switch
            {
                PreparedChange dryRun => ChangeReportRenderer.RenderDryRun(context.IO, command.Operation, dryRun.Request, dryRun.DryRunMessage),
                NoChange none => ChangeReportRenderer.RenderNoChange(context.IO, command.Operation, none.Message),
                _ => ExitCodes.Success,
            };
        }

        var confirmer = new Confirmer(context);
        PreparedChange? prepared = null;
        NoChange? nothing = null;
        var session = context.ChangeSessions().Begin(command.Operation, command.Targets);
        ChangeReport? report;
        try
        {
            report = await RunSessionAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while waiting for the lock, reading live, asking or backing up: still a change result.
            return ChangeReportRenderer.RenderInterruptedBeforeChange(context.IO, command.Operation, prepared?.Request);
        }

        if (report is null || prepared is null)
        {
            return nothing is null ? ExitCodes.Success : ChangeReportRenderer.RenderNoChange(context.IO, command.Operation, nothing.Message);
        }

        return ChangeReportRenderer.Render(context.IO, report, prepared.UndoCommand(report.BackupId), prepared.FinishCommand);

        Task<ChangeReport?> RunSessionAsync() => session.RunAsync(new ChangeSteps(
            confirmer.EnsureCanConfirm,
            async ct =>
            {
                switch (await command.PrepareAsync(ct).ConfigureAwait(false))
                {
                    case PreparedChange change:
                        prepared = change;
                        break;
                    case NoChange none:
                        nothing = none;
                        return null;
                }

                if (prepared is null)
                {
                    return null;
                }

                await confirmer.ConfirmAsync(prepared.Question, ct).ConfigureAwait(false);
                return prepared.Request;
            },
            (total, run) => ProgressReporter.RunAsync(context.IO, command.Operation, total, run)), cancellationToken);
    }
}
