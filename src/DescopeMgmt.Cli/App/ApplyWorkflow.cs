using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Applying;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// apply, flow sync and tenant sync: plan, show it, confirm (protected environments need their name
/// typed), then one change of everything the plan holds, and say how to undo it.
/// </summary>
internal static class ApplyWorkflow
{
    public static async Task<int> RunAsync(CommandContext context, PlanScope scope, string operation, bool dryRun, CancellationToken cancellationToken)
    {
        Core.Workspace.WorkspaceRecord? applied = null;
        var exit = await ChangeWorkflow.RunAsync(context, new ChangeCommand(operation, dryRun, async ct =>
        {
            var (workspace, plan) = await WorkspaceSession.PlanAsync(context, scope, ct).ConfigureAwait(false);
            applied = WorkspaceSession.RecordOf(workspace, scope);
            context.IO.Info($"Target: {context.Target.Describe()}");
            if (plan.IsEmpty)
            {
                return new NoChange("No changes. Live matches the workspace.");
            }

            PlanRenderer.WriteText(context.IO.Err, plan);
            var live = new LiveState(await context.GetClientAsync(ct).ConfigureAwait(false));
            return new PreparedChange(
                $"Apply {plan.Actionable.Count} change(s) to {context.Target.Describe()}?",
                $"Dry run: nothing was changed. Run `descope-mgmt {operation}{(operation == "apply" ? "" : " --apply")}` to make these changes.",
                new ApplyService(live).BuildChange(plan, operation),
                backupId => UndoCommands.ForBackup(context, scope.Types, backupId));
        }), cancellationToken).ConfigureAwait(false);

        // Live now matches these files, so a later pull must not take them for unapplied edits.
        if (exit == ExitCodes.Success && !dryRun)
        {
            applied?.Save();
        }

        return exit;
    }
}
