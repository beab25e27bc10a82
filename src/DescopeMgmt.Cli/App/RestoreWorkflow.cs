using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Kinds;
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
/// The path shared by flow rollback, tenant rollback and backup restore: resolve and verify the backup
/// locally (no API call for a bad reference), show the diff live → backup, confirm, then one change that
/// backs up what it overwrites and restores each item; it prints the command that undoes it and, when it
/// stops short, the one that finishes it.
/// </summary>
internal static class RestoreWorkflow
{
    public static Task<int> RunAsync(CommandContext context, RestoreSpec spec, CancellationToken cancellationToken) =>
        ChangeWorkflow.RunAsync(context, new ChangeCommand(spec.Operation, spec.DryRun, async ct =>
        {
            var source = await RestoreSource.ResolveAsync(context.BackupStore(), spec.Reference, context.Target.ProjectId, BackupHost.For(context.Target), spec.Types, spec.AllowFlowFile, ct, spec.Single).ConfigureAwait(false);
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

            // A deleted access key comes back with a new secret, shown once on a terminal; without one it is refused.
            var secrets = CreatedSecrets.For(context, secretsOut: null);
            var service = new RestoreService(new LiveState(await context.GetClientAsync(ct).ConfigureAwait(false), secrets));
            var plan = await service.PlanAsync(source, items, absent, ct).ConfigureAwait(false);
            context.IO.Info($"{TargetText.Line(context.Target)}; restoring from {source.Description}");
            foreach (var item in plan.Items)
            {
                DiffPrinter.Print(context.IO, item.Key, item.Live, item.Content, item.Changes);
            }

            var toChange = plan.ToChange;
            if (toChange.Count == 0)
            {
                return new NoChange($"Nothing to restore: live already matches {source.Description}.");
            }

            foreach (var caveat in toChange.Where(i => i.Live is null && i.Content is not null).Select(i => ResourceKinds.Of(i.Key).RestoreCaveat).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                context.IO.Warn(caveat);
            }

            if (!spec.DryRun)
            {
                secrets.Require(toChange.Count(i => i.Live is null && i.Content is not null && i.Key.Type == ResourceType.AccessKey),
                    "Run the restore from a terminal, where each new secret is shown once, or create the key again with `descope-mgmt apply --secrets-out FILE`.");
            }

            // Finishing means putting back the same content again: name its backup (or file) exactly, since
            // "latest" may by then mean something else to the user.
            var from = source.BackupId ?? Path.GetFullPath(spec.Reference, context.Env.CurrentDirectory);
            return new PreparedChange(
                $"Restore {Plural.Of(toChange.Count, "item")} in {context.Target.Describe()} from {source.Description}?",
                $"Dry run: {Plural.Of(toChange.Count, "item")} would be restored; nothing was changed.",
                service.BuildChange(plan, spec.Operation),
                backupId => Command(context, spec, backupId),
                Command(context, spec, from));
        }, spec.Single is { } target ? [target] : null), cancellationToken);

    private static string Command(CommandContext context, RestoreSpec spec, string reference) => spec.Single is { } key
        ? UndoCommands.ForItem(context, key, reference)
        : UndoCommands.ForBackup(context, spec.Types, reference);
}
