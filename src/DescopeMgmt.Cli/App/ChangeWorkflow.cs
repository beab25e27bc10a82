using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// A change a command has worked out and shown: the question to confirm, what a dry run says, the
/// request to run, and the commands that undo it (from the backup the change takes) and, for a
/// restore, finish it (from the backup it restores).
/// </summary>
internal sealed record PreparedChange(
    string Question,
    string DryRunMessage,
    ChangeRequest Request,
    Func<string, string> UndoCommand,
    string? FinishCommand = null);

/// <summary>
/// What a changing command contributes: its operation, the items it names up front (for the audit of an
/// attempt that stops early), and how to read live, show the difference and build the change. Prepare
/// runs under the project's lock unless this is a dry run; it returns null when there is nothing to do
/// (having said so).
/// </summary>
internal sealed record ChangeCommand(
    string Operation,
    bool DryRun,
    Func<CancellationToken, Task<PreparedChange?>> PrepareAsync,
    IReadOnlyList<ResourceKey>? Targets = null);

/// <summary>
/// The one path every command that changes live state takes (apply, sync, imports, deletes, tenant
/// create/update, rollbacks, restore): a dry run only prepares; otherwise the Core change session runs
/// the attempt (refusal check, lock, backup, writes, read-back, audit) with the confirmation and the
/// progress bar supplied here, and the report is rendered into the exit code.
/// </summary>
internal static class ChangeWorkflow
{
    public static async Task<int> RunAsync(CommandContext context, ChangeCommand command, CancellationToken cancellationToken)
    {
        if (command.DryRun)
        {
            if (await command.PrepareAsync(cancellationToken).ConfigureAwait(false) is { } dryRun)
            {
                context.IO.Outcome(dryRun.DryRunMessage);
            }

            return ExitCodes.Success;
        }

        var confirmer = new Confirmer(context);
        PreparedChange? prepared = null;
        var session = context.ChangeSessions().Begin(command.Operation, command.Targets);
        var report = await session.RunAsync(new ChangeSteps(
            confirmer.EnsureCanConfirm,
            async ct =>
            {
                prepared = await command.PrepareAsync(ct).ConfigureAwait(false);
                if (prepared is null)
                {
                    return null;
                }

                await confirmer.ConfirmAsync(prepared.Question, ct).ConfigureAwait(false);
                return prepared.Request;
            },
            (total, run) => ProgressReporter.RunAsync(context.IO, command.Operation, total, run)), cancellationToken).ConfigureAwait(false);

        return report is null || prepared is null
            ? ExitCodes.Success
            : ChangeReportRenderer.Render(context.IO, report, prepared.UndoCommand(report.BackupId), prepared.FinishCommand);
    }
}
