using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Rollback;

namespace DescopeMgmt.Cli.App;

/// <summary>What to restore: from which reference, which item types, and optionally one item.</summary>
internal sealed record RestoreSpec(
    string Operation,
    string Reference,
    IReadOnlySet<ResourceType> Types,
    ResourceKey? Single,
    bool DryRun,
    bool AllowFlowFile);

/// <summary>
/// The path shared by flow rollback, tenant rollback and backup restore (design.md §7): verify the
/// backup locally first (no API call for a bad reference), show the diff live → backup, confirm,
/// back up what will be overwritten, restore and verify each item, and print the undo command.
/// </summary>
internal static class RestoreWorkflow
{
    public static async Task<int> RunAsync(CommandContext context, RestoreSpec spec, CancellationToken cancellationToken)
    {
        if (!spec.DryRun)
        {
            context.AttemptChange(spec.Operation, spec.Single is { } target ? [target] : null);
        }

        var source = await RestoreSource.ResolveAsync(context.BackupStore(), spec.Reference, context.Target.ProjectId, BackupHost.For(context.Target), spec.Types, spec.AllowFlowFile, cancellationToken).ConfigureAwait(false);
        foreach (var warning in source.Warnings)
        {
            context.IO.Warn(warning);
        }

        var (items, absent) = spec.Single is { } single ? source.Require(single.Type, single.Id) : source.Select(spec.Types);
        if (items.Count == 0 && absent.Count == 0)
        {
            throw new UserError("nothing_to_restore",
                $"{source.Description} holds no {string.Join(" or ", spec.Types.Select(ResourceTypeNames.ToWire))} items.",
                "Choose another backup with `descope-mgmt backup list`.");
        }

        if (!spec.DryRun)
        {
            await context.BeginChangeAsync(spec.Operation, cancellationToken).ConfigureAwait(false);
        }

        var service = new RestoreService(new LiveState(await context.GetClientAsync(cancellationToken).ConfigureAwait(false)));
        var plan = await service.PlanAsync(source, items, absent, cancellationToken).ConfigureAwait(false);
        context.IO.Info($"Target: {context.Target.Describe()}; restoring from {source.Description}");
        foreach (var item in plan.Items)
        {
            DiffPrinter.Print(context.IO, item.Key, item.Live, item.Content, item.Changes);
        }

        var toChange = plan.ToChange;
        if (toChange.Count == 0)
        {
            context.IO.Outcome($"Nothing to restore: live already matches {source.Description}.");
            return ExitCodes.Success;
        }

        if (spec.DryRun)
        {
            context.IO.Outcome($"Dry run: {toChange.Count} item(s) would be restored; nothing was changed.");
            return ExitCodes.Success;
        }

        new Confirmer(context).Confirm($"Restore {toChange.Count} item(s) in {context.Target.Describe()} from {source.Description}?");
        var report = await ProgressReporter.RunAsync(context.IO, spec.Operation, toChange.Count,
            progress => context.RunChangeAsync(service.BuildChange(plan, spec.Operation, progress), cancellationToken)).ConfigureAwait(false);
        return ChangeReportRenderer.Finish(context.IO, report, spec.Single is { } key
            ? UndoCommands.ForItem(context, key, report.BackupId)
            : UndoCommands.ForBackup(context, spec.Types, report.BackupId));
    }
}
