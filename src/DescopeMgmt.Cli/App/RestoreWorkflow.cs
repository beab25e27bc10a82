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
    bool AllowFlowFile,
    string? SecretsOut = null);

/// <summary>
/// The path shared by flow rollback, tenant rollback and backup restore: resolve and verify the backup
/// locally (no API call for a bad reference), show the diff live → backup, confirm, then one change that
/// backs up what it overwrites and restores each item; it prints the command that undoes it and, when it
/// stops short, the one that finishes it.
/// </summary>
internal static class RestoreWorkflow
{
    public static async Task<int> RunAsync(CommandContext context, RestoreSpec spec, CancellationToken cancellationToken)
    {
        // A deleted (or replaced) access key comes back with a new secret: to --secrets-out, else shown once on a terminal.
        var secrets = CreatedSecrets.For(context, spec.SecretsOut);
        var exit = await ChangeWorkflow.RunAsync(context, new ChangeCommand(spec.Operation, spec.DryRun, async ct =>
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

            var service = new RestoreService(new LiveState(await context.GetClientAsync(ct).ConfigureAwait(false), secrets));
            var plan = await service.PlanAsync(source, items, absent, ct).ConfigureAwait(false);
            context.IO.Info($"{TargetText.Line(context.Target)}; restoring from {source.Description}");
            foreach (var item in plan.Items)
            {
                DiffPrinter.Print(context.IO, item.Key, item.Live, item.Content, item.Changes, replace: Replacement.Of(item.Key, item.ReplaceFields));
            }

            var toChange = plan.ToChange;
            if (toChange.Count == 0)
            {
                return new NoChange($"Nothing to restore: live already matches {source.Description}.");
            }

            foreach (var caveat in Caveats(toChange.Where(i => i.Creates)))
            {
                context.IO.Warn(caveat);
            }

            // Finishing means putting back the same content again: name its backup (or file) exactly, since
            // "latest" may by then mean something else to the user.
            var from = source.BackupId ?? Path.GetFullPath(spec.Reference, context.Env.CurrentDirectory);
            if (!spec.DryRun)
            {
                secrets.Require(plan.SecretsCreated,
                    $"Run `{UndoCommands.WithSecretsOut(Command(context, spec, from), createsSecrets: true)}` (FILE must not exist; it is created readable by you alone), or run the restore from a terminal, where each new secret is shown once.");
            }

            return new PreparedChange(
                $"Restore {Plural.Of(toChange.Count, "item")} in {context.Target.Describe()} from {source.Description}?",
                $"Dry run: {Plural.Of(toChange.Count, "item")} would be restored; nothing was changed.",
                service.BuildChange(plan, spec.Operation),
                backupId => UndoCommands.WithSecretsOut(Command(context, spec, backupId), plan.UndoCreatesSecrets),
                UndoCommands.WithSecretsOut(Command(context, spec, from), plan.SecretsCreated > 0));
        }, spec.Single is { } target ? [target] : null), cancellationToken).ConfigureAwait(false);

        // The result says it too, after the report: the keys are back, but not with the secrets they had.
        if (secrets.Kept > 0)
        {
            context.IO.Warn($"{Plural.Of(secrets.Kept, "access key")} came back with a new secret ({(spec.SecretsOut is null ? "shown above" : $"in {spec.SecretsOut}")}); the old cleartext cannot be restored, so give the new one to whatever used the old.");
        }

        return exit;
    }

    /// <summary>What the restore cannot put back of the items it creates anew (an access key's old cleartext), once per kind.</summary>
    private static IEnumerable<string> Caveats(IEnumerable<Core.Rollback.RestorePlanItem> created) =>
        created.Select(i => ResourceKinds.Of(i.Key).RestoreCaveat).OfType<string>().Distinct(StringComparer.Ordinal);

    private static string Command(CommandContext context, RestoreSpec spec, string reference) => spec.Single is { } key
        ? UndoCommands.ForItem(context, key, reference)
        : UndoCommands.ForBackup(context, spec.Types, reference);
}
