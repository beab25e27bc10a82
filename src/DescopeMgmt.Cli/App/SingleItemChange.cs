using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// What one changing command wants to do to one item, given its live state (null when absent): the
/// desired document (null to delete) and the write; or it throws to refuse (not found, has children...).
/// </summary>
internal sealed record SingleItemPlan(JsonObject? Desired, string Verb, Func<LiveState, CancellationToken, Task> WriteAsync)
{
    /// <summary>
    /// What the change does that the document does not show (an access key's status or secret): shown with the
    /// diff, and the change runs even when the documents are equal. Null when the diff says it all.
    /// </summary>
    public string? Unseen { get; init; }

    /// <summary>Said with the question, for a consequence the diff cannot show (the old secret stops working).</summary>
    public string? Warning { get; init; }

    /// <summary>The undo command from the backup ID, when it is not the item's rollback or restore; one answering null says there is none.</summary>
    public Func<string?, string?>? Undo { get; init; }

    /// <summary>
    /// For a change the document does not show: what the item must read back as (<see cref="Expected"/>) through
    /// a reader that shows it (<see cref="ReadBack"/>), so the change is verified, not assumed. Null: <see cref="Desired"/> through the kind.
    /// </summary>
    public JsonObject? Expected { get; init; }

    /// <inheritdoc cref="Expected"/>
    public Core.Changes.ILiveReader? ReadBack { get; init; }
}

/// <summary>
/// The shared path of flow import/delete, theme import, tenant, permission and role create/update/delete and the
/// access-key and user commands: read the item
/// (under the lock), show the diff, stop on --dry-run, confirm, then one change (backup, write, read back,
/// audit) and the command that undoes it.
/// </summary>
internal static class SingleItemChange
{
    public static UserError NotFound(CommandContext context, ResourceKey key)
    {
        var noun = ResourceTypeNames.ToWire(key.Type);
        return new UserError($"{noun}_not_found", $"{char.ToUpperInvariant(noun[0])}{noun[1..]} '{key.Id}' does not exist in {context.Target.Describe()}.",
            $"List them with `descope-mgmt {noun} list`.");
    }

    public static Task<int> RunAsync(CommandContext context, ResourceKey key, string operation, bool dryRun, Func<JsonObject?, SingleItemPlan> decide, CancellationToken cancellationToken) =>
        RunAsync(context, key, operation, dryRun, (current, _, _) => Task.FromResult(decide(current)), cancellationToken);

    /// <summary>The same, for a decision that reads more of live first (under the same lock), given the project's client.</summary>
    public static Task<int> RunAsync(CommandContext context, ResourceKey key, string operation, bool dryRun,
        Func<JsonObject?, DescopeClient, CancellationToken, Task<SingleItemPlan>> decideAsync, CancellationToken cancellationToken) =>
        ChangeWorkflow.RunAsync(context, new ChangeCommand(operation, dryRun, async ct =>
        {
            context.IO.Info(TargetText.Line(context.Target));
            var client = await context.GetClientAsync(ct).ConfigureAwait(false);
            var live = new LiveState(client);
            var current = await live.GetAsync(key, ct).ConfigureAwait(false);
            var plan = await decideAsync(current, client, ct).ConfigureAwait(false);
            var changes = JsonDiff.Compare(current, plan.Desired, DiffOptions.For(key.Type));
            if (current is not null && plan.Desired is not null && changes.Count == 0 && plan.Unseen is null)
            {
                return new NoChange($"No changes: {key} already matches.");
            }

            if (changes.Count > 0 || plan.Unseen is null)
            {
                DiffPrinter.Print(context.IO, key, current, plan.Desired, changes);
            }

            if (plan.Unseen is { } unseen)
            {
                context.IO.Info($"~ {ResourceTypeNames.ToWire(key.Type)} \"{key.Id}\" will be changed: {unseen}");
            }

            // Without a question (--yes, a dry run) the consequence is still said, as a warning.
            if (plan.Warning is { } warning && (dryRun || context.Settings.Yes))
            {
                context.IO.Warn(warning);
            }

            // A new item is recorded as absent in the backup, so rolling back to that backup deletes it again.
            var backupItems = current is null ? [] : new[] { new BackupItemContent(key.Type, key.Id, current) };
            var request = new ChangeRequest(operation, backupItems, [new ChangeItem(key, plan.Verb, plan.Expected ?? plan.Desired, c => plan.WriteAsync(live, c))],
                plan.ReadBack ?? live,
                Absent: current is null ? [key] : null);
            return new PreparedChange(
                $"{Capitalize(plan.Verb)} {key} in {context.Target.Describe()}?{(plan.Warning is null ? "" : " " + plan.Warning)}",
                "Dry run: nothing was changed.",
                request,
                // Undoing a delete of a kind whose create answers a secret brings the item back with a new one: the restore needs a place for it.
                backupId => plan.Undo is { } undo ? undo(backupId)
                    : UndoCommands.WithSecretsOut(UndoCommands.ForItem(context, key, backupId), plan.Desired is null && current is not null && Core.Kinds.ResourceKinds.Of(key).CreatesSecrets));
        }, [key]), cancellationToken);

    private static string Capitalize(string verb) => verb.Length == 0 ? verb : char.ToUpperInvariant(verb[0]) + verb[1..];
}
