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
    public static Task<int> RunAsync(CommandContext context, PlanScope scope, string operation, bool dryRun, CancellationToken cancellationToken) =>
        ChangeWorkflow.RunAsync(context, new ChangeCommand(operation, dryRun, async ct =>
        {
            var (_, plan) = await WorkspaceSession.PlanAsync(context, scope, ct).ConfigureAwait(false);
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
        }), cancellationToken);
}
