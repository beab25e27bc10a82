using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupDiffCommand
{
    private static readonly Argument<string> From = new("ref") { Description = "The backup to compare." };

    private static readonly Argument<string?> To = new("other") { Description = "A second backup (default: live state).", Arity = ArgumentArity.ZeroOrOne };

    private static readonly Option<bool> Live = new("--live")
    {
        Description = "Compare with the live project (the default): the items of the backup, and the live items of the types it holds that it does not.",
    };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("diff", "Show, field by field, how a backup differs from another backup or from live.") { From, To, Live };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(From), parse.GetValue(To), parse.GetValue(Live), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string from, string? to, bool live, CommandContext context, CancellationToken cancellationToken)
    {
        if (live && to is not null)
        {
            throw new UserError("invalid_arguments", "Give either a second backup or --live, not both.",
                "Example: descope-mgmt backup diff REF --live, or descope-mgmt backup diff REF OTHER");
        }

        var store = context.BackupStore();
        // Both sides are verified locally before any API call, and a backup of another project is
        // refused as rollback refuses it: a diff against the wrong project would mislead.
        var projectId = to is null ? context.Target.ProjectId : context.ProjectIdIfKnown;
        // Against live, only a backup taken on the target's own host is a fair comparison (local is never real).
        var left = await LoadAsync(store, from, projectId, to is null ? BackupHost.For(context.Target) : null, cancellationToken).ConfigureAwait(false);
        var otherName = "live";
        IReadOnlyDictionary<ResourceKey, JsonObject> other;
        if (to is not null)
        {
            var right = await LoadAsync(store, to, projectId ?? left.Manifest.ProjectId, null, cancellationToken).ConfigureAwait(false);
            otherName = right.Manifest.Id;
            other = right.Items.ToDictionary(i => i.Key, i => i.Content.AsObject());
        }
        else
        {
            other = await ReadLiveAsync(left, context, cancellationToken).ConfigureAwait(false);
        }

        var items = Compare(left, other);
        var document = new ItemsDocument<DiffItem>(items);
        context.IO.Result(document, CliJsonContext.Default.ItemsDocumentDiffItem, (console, doc) => Render(console, doc, left.Manifest.Id, otherName));
        return ExitCodes.Success;
    }

    private static async Task<LoadedBackup> LoadAsync(BackupStore store, string reference, string? projectId, string? targetHost, CancellationToken cancellationToken)
    {
        var manifest = targetHost is null || projectId is null ? store.Resolve(reference, projectId) : store.Resolve(reference, projectId, targetHost);
        return projectId is null
            ? await store.LoadAsync(manifest, cancellationToken).ConfigureAwait(false)
            : await store.LoadAsync(manifest, projectId, cancellationToken).ConfigureAwait(false);
    }

    // A `backup create` covers whole kinds (its manifest says which; older ones, the kinds of its items), so
    // those are read whole; the backup a change took holds only the items it touched, so only those are
    // read: a backup of one tenant says nothing about the others, and listing every live tenant as
    // "added" would bury the real difference.
    private static async Task<IReadOnlyDictionary<ResourceKey, JsonObject>> ReadLiveAsync(LoadedBackup backup, CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        if (backup.Manifest.Operation != BackupCreateCommand.Operation)
        {
            var keys = backup.Items.Select(i => i.Key).Concat(backup.Absent).Distinct().ToList();
            var read = await new LiveState(client).ReadAsync(keys, cancellationToken).ConfigureAwait(false);
            return read.Where(i => i.Value is not null).ToDictionary(i => i.Key, i => i.Value!);
        }

        var types = backup.Manifest.Kinds is { } kinds
            ? kinds.Select(k => ResourceKinds.Find(k)!.Type).ToHashSet()
            : backup.Items.Select(i => i.Type).Concat(backup.Absent.Select(k => k.Type)).ToHashSet();
        var snapshot = await new LiveSnapshotReader(client).ReadAsync(types, context.IO.Warnings, cancellationToken).ConfigureAwait(false);
        return snapshot.Items().ToDictionary(i => i.Key, i => i.Value);
    }

    private static List<DiffItem> Compare(LoadedBackup backup, IReadOnlyDictionary<ResourceKey, JsonObject> other)
    {
        var held = backup.Items.ToDictionary(i => i.Key, i => i.Content.AsObject());
        var keys = held.Keys.Concat(other.Keys).Concat(backup.Absent).Distinct()
            .OrderBy(k => k.Type).ThenBy(k => k.Id, StringComparer.Ordinal);
        var items = new List<DiffItem>();
        foreach (var key in keys)
        {
            var before = held.GetValueOrDefault(key);
            var after = other.GetValueOrDefault(key);
            if (before is null && after is null)
            {
                continue;
            }

            var changes = before is not null && after is not null ? JsonDiff.Compare(before, after, DiffOptions.For(key.Type)) : [];
            var status = before is null ? "added" : after is null ? "removed" : changes.Count == 0 ? "unchanged" : "changed";
            items.Add(new DiffItem(ResourceTypeNames.ToWire(key.Type), key.Id, status,
                changes.Select(c => new DiffProperty(c.Path, c.Kind.ToString().ToLowerInvariant(), c.Old, c.New)).ToList()));
        }

        return items;
    }

    // The diff is this command's result, so it goes to stdout, not to stderr as a change's preview does.
    private static void Render(IAnsiConsole console, ItemsDocument<DiffItem> doc, string backupId, string otherName)
    {
        var where = otherName == "live" ? "live" : $"backup {otherName}";
        foreach (var item in doc.Items)
        {
            var name = Markup.Escape($"{item.Type} \"{item.Id}\"");
            switch (item.Status)
            {
                case "added":
                    console.MarkupLine($"[green]+ {name}[/]: only in {Markup.Escape(where)}");
                    break;
                case "removed":
                    console.MarkupLine($"[red]- {name}[/]: only in backup {Markup.Escape(backupId)}");
                    break;
                case "changed":
                    console.MarkupLine($"[yellow]~ {name}[/]: {Plural.Of(item.Properties.Count, "field")} {(item.Properties.Count == 1 ? "differs" : "differ")}");
                    foreach (var p in item.Properties)
                    {
                        console.MarkupLine(DiffPrinter.PropertyLine(new PropertyChange(p.Path, Enum.Parse<ChangeKind>(p.Kind, ignoreCase: true), p.Old, p.New)));
                    }

                    break;
            }
        }

        console.WriteLine($"{doc.Items.Count(i => i.Status != "unchanged")} of {Plural.Of(doc.Items.Count, "item")} differ (backup {backupId} → {where}).");
    }
}
