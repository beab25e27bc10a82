using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Applying;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// apply, flow sync and tenant sync: plan, show it, confirm (protected environments need their name
/// typed), then one change of everything the plan holds, and say how to undo it. <c>apply PLANFILE</c>
/// applies a saved plan instead, after checking that nothing it was made from has changed.
/// </summary>
internal static class ApplyWorkflow
{
    public static async Task<int> RunAsync(CommandContext context, PlanScope scope, string operation, bool dryRun, CancellationToken cancellationToken, string? secretsOut = null)
    {
        var secrets = CreatedSecrets.For(context, secretsOut);
        if (!dryRun && !CanConfirm(context))
        {
            // The refusal still shows what would have changed, so a CI log says what to review; the change
            // session below refuses (and audits the refusal) before taking the lock.
            context.IO.Info(TargetText.Line(context.Target));
            var preview = await WorkspaceSession.PlanAsync(context, scope, cancellationToken).ConfigureAwait(false);
            if (preview.Plan.IsEmpty)
            {
                return Recorded(ChangeReportRenderer.RenderNoChange(context.IO, operation, "No changes. Live matches the workspace."),
                    WorkspaceSession.RecordOf(preview.Workspace, scope));
            }

            PlanRenderer.WriteText(context.IO.Err, preview.Plan);
        }

        Core.Workspace.WorkspaceRecord? applied = null;
        var exit = await ChangeWorkflow.RunAsync(context, new ChangeCommand(operation, dryRun, async ct =>
        {
            context.IO.Info(TargetText.Line(context.Target));
            var run = await WorkspaceSession.PlanAsync(context, scope, ct).ConfigureAwait(false);
            applied = WorkspaceSession.RecordOf(run.Workspace, scope);
            if (run.Plan.IsEmpty)
            {
                return new NoChange("No changes. Live matches the workspace.");
            }

            PlanRenderer.WriteText(context.IO.Err, run.Plan);
            if (!dryRun)
            {
                secrets.Require(run.Plan.SecretsCreated, CreatedSecrets.SecretsOutHint(operation));
            }

            var live = new LiveState(await context.GetClientAsync(ct).ConfigureAwait(false), secrets);
            return new PreparedChange(
                $"Apply {Plural.Of(run.Plan.Actionable.Count, "change")} to {context.Target.Describe()}?",
                $"Dry run: nothing was changed. Run `descope-mgmt {operation}{(operation == "apply" ? "" : " --apply")}` to make these changes.",
                new ApplyService(live).BuildChange(run.Plan, operation),
                backupId => UndoCommands.WithSecretsOut(UndoCommands.ForBackup(context, scope.Types, backupId), run.Plan.UndoCreatesSecrets),
                FinishWithNewSecrets(context, run.Plan, scope.Types));
        }), cancellationToken).ConfigureAwait(false);
        return Recorded(exit, dryRun ? null : applied);
    }

    /// <summary>
    /// <c>apply PLANFILE</c>: exactly the changes <c>plan --out</c> saved, to the target it names, and only
    /// while every live item and workspace item it was made from is unchanged (checked under the lock,
    /// before the backup); otherwise it refuses, having changed and written nothing.
    /// </summary>
    public static async Task<int> RunSavedAsync(CommandContext context, string planFile, CancellationToken cancellationToken, string? secretsOut = null)
    {
        var secrets = CreatedSecrets.For(context, secretsOut);
        var saved = SavedPlan.Read(Path.GetFullPath(planFile, context.Env.CurrentDirectory));
        var kinds = saved.KindTypes();
        var target = TargetText.ForPlan(context.Target);
        if (saved.Target != target)
        {
            throw new UserError("plan_target_mismatch", $"{planFile} was made for {saved.Target}, not for {target}. Nothing was changed.",
                "Apply it to the target it was made for (--env), or make a plan for this target with `descope-mgmt plan --out plan.json`.");
        }

        if (!CanConfirm(context))
        {
            context.IO.Info(TargetText.Line(context.Target));
            var preview = saved.ToPlan(live: null);
            if (preview.IsEmpty)
            {
                return ChangeReportRenderer.RenderNoChange(context.IO, "apply", "No changes. The saved plan has nothing to apply.");
            }

            PlanRenderer.WriteText(context.IO.Err, preview);
        }

        Core.Workspace.WorkspaceRecord? applied = null;
        var exit = await ChangeWorkflow.RunAsync(context, new ChangeCommand("apply", DryRun: false, async ct =>
        {
            context.IO.Info(TargetText.Line(context.Target));
            context.IO.Info($"Plan {saved.Fingerprint}, made {Rendering.TimeText.Utc(saved.CreatedAt)}");
            var workspace = WorkspaceSession.Load(context);
            var live = await WorkspaceSession.ReadLiveAsync(context, workspace, kinds, ct).ConfigureAwait(false);
            var changed = PlanInputs.Of(workspace, live, kinds).ChangesSince(saved.Inputs);
            if (changed.Count > 0)
            {
                throw new UserError("plan_stale",
                    $"The plan in {planFile} is out of date: {string.Join("; ", changed.Take(5))}{(changed.Count > 5 ? $"; and {changed.Count - 5} more" : "")}. Nothing was changed.",
                    $"Make a new plan with `descope-mgmt plan --out {planFile}`, review it, and apply that one.");
            }

            var fresh = Planner.Create(workspace, live, PlanScope.From(kinds));
            EnsureFollowsFromInputs(saved.ToPlan(live), fresh, planFile);
            // The file holds sensitive values as "(sensitive)"; the workspace, unchanged since (its fingerprint), holds them.
            var plan = Core.Kinds.SensitiveFields.WithWrites(saved.ToPlan(live), fresh);
            applied = WorkspaceSession.RecordOf(workspace, PlanScope.From(kinds));
            if (plan.IsEmpty)
            {
                return new NoChange("No changes. Live matches the workspace.");
            }

            PlanRenderer.WriteText(context.IO.Err, plan);
            secrets.Require(plan.SecretsCreated, CreatedSecrets.SecretsOutHint("apply " + planFile));
            return new PreparedChange(
                $"Apply the saved plan ({Plural.Of(plan.Actionable.Count, "change")}) to {context.Target.Describe()}?",
                "Dry run: nothing was changed.",
                new ApplyService(new LiveState(await context.GetClientAsync(ct).ConfigureAwait(false), secrets)).BuildChange(plan, "apply"),
                backupId => UndoCommands.WithSecretsOut(UndoCommands.ForBackup(context, kinds, backupId), plan.UndoCreatesSecrets),
                FinishWithNewSecrets(context, plan, kinds));
        }), cancellationToken).ConfigureAwait(false);
        return Recorded(exit, applied);
    }

    /// <summary>Live now matches the files applied, so a later pull must not take them for unapplied edits.</summary>
    private static int Recorded(int exit, Core.Workspace.WorkspaceRecord? applied)
    {
        if (exit == ExitCodes.Success)
        {
            applied?.Save();
        }

        return exit;
    }

    /// <summary>
    /// What finishes a stopped apply that creates secrets: apply again, planned afresh, with a new --secrets-out
    /// file (the first may exist by then, and a secret is never written over one). Other applies are finished by
    /// running the same command again, which the report says without a command.
    /// </summary>
    private static string? FinishWithNewSecrets(CommandContext context, Plan plan, IReadOnlySet<Core.Model.ResourceType> kinds) =>
        plan.SecretsCreated > 0 ? UndoCommands.WithSecretsOut(UndoCommands.ForApply(context, kinds), createsSecrets: true) : null;

    private static bool CanConfirm(CommandContext context) => context.Settings.Yes || context.IO.IsInteractive;

    /// <summary>
    /// Its inputs are unchanged, so planning again must give the saved changes; if not, the file's changes
    /// were edited after it was made, and applying them would not be applying the plan that was reviewed.
    /// </summary>
    private static void EnsureFollowsFromInputs(Plan saved, Plan fresh, string planFile)
    {
        static string Shape(Plan plan) => string.Join('\n', plan.Actionable.Select(c =>
            $"{c.Key} {c.Action} {(c.Desired is null ? "" : PlanInputs.Sha256(c.Desired))}"));

        if (!string.Equals(Shape(saved), Shape(fresh), StringComparison.Ordinal))
        {
            throw new UserError("plan_file_invalid", $"{planFile} holds changes that do not follow from the workspace and live state it records (was it edited?). Nothing was changed.",
                $"Make the plan again with `descope-mgmt plan --out {planFile}` (do not edit plan files by hand).");
        }
    }
}
