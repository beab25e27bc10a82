using System.Text.Json.Nodes;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.App;

/// <summary>What one changing command wants to do to one item.</summary>
internal sealed record SingleItemChangeSpec(
    ResourceKey Key,
    JsonObject? Live,
    JsonObject? Desired,
    string Operation,
    string Verb,
    bool DryRun,
    Func<CancellationToken, Task> ApplyAsync);

/// <summary>
/// The shared path of flow import/delete, theme import and tenant create/update/delete: show the
/// diff, stop on --dry-run, confirm, then run through the change runner (lock, backup, audit).
/// </summary>
internal static class SingleItemChange
{
    /// <summary>
    /// Checks that a confirmation can be had (before any network call), takes the project's lock unless
    /// this is a dry run, then reads the item's live state.
    /// </summary>
    public static async Task<(LiveState Live, JsonObject? Current)> ReadAsync(CommandContext context, ResourceKey key, string operation, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun)
        {
            await context.BeginChangeAsync(operation, cancellationToken, [key]).ConfigureAwait(false);
        }

        var live = new LiveState(await context.GetClientAsync(cancellationToken).ConfigureAwait(false));
        return (live, await live.GetAsync(key, cancellationToken).ConfigureAwait(false));
    }

    public static UserError NotFound(CommandContext context, ResourceKey key)
    {
        var noun = ResourceTypeNames.ToWire(key.Type);
        return new UserError($"{noun}_not_found", $"{char.ToUpperInvariant(noun[0])}{noun[1..]} '{key.Id}' does not exist in {context.Target.Describe()}.",
            $"List them with `descope-mgmt {noun} list`.");
    }

    public static async Task<int> RunAsync(CommandContext context, SingleItemChangeSpec spec, CancellationToken cancellationToken)
    {
        var changes = JsonDiff.Compare(spec.Live, spec.Desired, DiffOptions.For(spec.Key.Type));
        if (spec.Live is not null && spec.Desired is not null && changes.Count == 0)
        {
            context.IO.Outcome($"No changes: {spec.Key} already matches.");
            return ExitCodes.Success;
        }

        context.IO.Info($"Target: {context.Target.Describe()}");
        DiffPrinter.Print(context.IO, spec.Key, spec.Live, spec.Desired, changes);
        if (spec.DryRun)
        {
            context.IO.Outcome("Dry run: nothing was changed.");
            return ExitCodes.Success;
        }

        new Confirmer(context).Confirm($"{Capitalize(spec.Verb)} {spec.Key} in {context.Target.Describe()}?");
        // A new item is recorded as absent in the backup, so rolling back to that backup deletes it again.
        var backupItems = spec.Live is null ? [] : new[] { new BackupItemContent(spec.Key.Type, spec.Key.Id, spec.Live) };
        var report = await context.RunChangeAsync(
            new ChangeRequest(spec.Operation, backupItems, [new ChangeItem(spec.Key, spec.Verb, spec.ApplyAsync)],
                Absent: spec.Live is null ? [spec.Key] : null),
            cancellationToken).ConfigureAwait(false);
        return ChangeReportRenderer.Finish(context.IO, report, UndoCommands.ForItem(context, spec.Key, report.BackupId));
    }

    private static string Capitalize(string verb) => verb.Length == 0 ? verb : char.ToUpperInvariant(verb[0]) + verb[1..];
}
