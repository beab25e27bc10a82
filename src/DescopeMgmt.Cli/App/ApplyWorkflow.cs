using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Applying;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// apply, flow sync and tenant sync: plan, show it, confirm (protected environments need their name
/// typed), one backup of everything touched, apply in plan order with progress, verify, audit, and say
/// how to undo.
/// </summary>
internal static class ApplyWorkflow
{
    public static async Task<int> RunAsync(CommandContext context, PlanScope scope, string operation, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun)
        {
            await context.BeginChangeAsync(operation, cancellationToken).ConfigureAwait(false);
        }

        var (_, plan) = await WorkspaceSession.PlanAsync(context, scope, cancellationToken).ConfigureAwait(false);
        context.IO.Info($"Target: {context.Target.Describe()}");
        if (plan.IsEmpty)
        {
            context.IO.Outcome("No changes. Live matches the workspace.");
            return ExitCodes.Success;
        }

        PlanRenderer.WriteText(context.IO.Err, plan);
        if (dryRun)
        {
            context.IO.Outcome($"Dry run: nothing was changed. Run `descope-mgmt {operation} --apply` to make these changes.");
            return ExitCodes.Success;
        }

        new Confirmer(context).Confirm($"Apply {plan.Actionable.Count} change(s) to {context.Target.Describe()}?");
        var service = new ApplyService(new LiveState(await context.GetClientAsync(cancellationToken).ConfigureAwait(false)));
        var report = await ProgressReporter.RunAsync(context.IO, operation, plan.Actionable.Count,
            progress => context.RunChangeAsync(service.BuildChange(plan, operation, progress), cancellationToken)).ConfigureAwait(false);
        return ChangeReportRenderer.Finish(context.IO, report, UndoCommands.ForBackup(context, scope.Types, report.BackupId));
    }
}
