using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupDiffCommand
{
    private static readonly Argument<string> From = new("ref") { Description = "The backup to compare." };

    private static readonly Argument<string?> To = new("other") { Description = "A second backup (default: live state).", Arity = ArgumentArity.ZeroOrOne };

    private static readonly Option<bool> Live = new("--live") { Description = "Compare with the live project (the default)." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("diff", "Show, field by field, how a backup differs from another backup or from live.") { From, To, Live };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(From), parse.GetValue(To), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string from, string? to, CommandContext context, CancellationToken cancellationToken)
    {
        var store = context.BackupStore();
        var left = await LoadAsync(store, from, context, cancellationToken).ConfigureAwait(false);
        Func<ResourceKey, Task<JsonObject?>> other;
        if (to is not null)
        {
            var right = await LoadAsync(store, to, context, cancellationToken).ConfigureAwait(false);
            other = key => Task.FromResult(right.Find(key.Type, key.Id) as JsonObject);
        }
        else
        {
            var live = new LiveState(await context.GetClientAsync(cancellationToken).ConfigureAwait(false));
            other = key => live.GetAsync(key, cancellationToken);
        }

        var items = new List<DiffItem>();
        foreach (var item in left.Items)
        {
            var key = new ResourceKey(item.Type, item.Id);
            var current = await other(key).ConfigureAwait(false);
            var changes = JsonDiff.Compare(item.Content, current, DiffOptions.For(item.Type));
            var status = current is null ? "missing" : changes.Count == 0 ? "unchanged" : "changed";
            items.Add(new DiffItem(ResourceTypeNames.ToWire(item.Type), item.Id, status,
                changes.Select(c => new DiffProperty(c.Path, c.Kind.ToString().ToLowerInvariant(), c.Old, c.New)).ToList()));
            if (!context.IO.Json)
            {
                DiffPrinter.Print(context.IO, key, item.Content.AsObject(), current, changes);
            }
        }

        if (context.IO.Json)
        {
            context.IO.Result(new ItemsDocument<DiffItem>(items), CliJsonContext.Default.ItemsDocumentDiffItem, (_, _) => { });
        }
        else
        {
            context.IO.Out.WriteLine($"{items.Count(i => i.Status != "unchanged")} of {items.Count} item(s) differ ({left.Manifest.Id} → {to ?? "live"}).");
        }

        return ExitCodes.Success;
    }

    private static async Task<LoadedBackup> LoadAsync(BackupStore store, string reference, CommandContext context, CancellationToken cancellationToken)
    {
        var manifest = store.Resolve(reference, context.ProjectIdIfKnown);
        return await store.LoadAsync(manifest, cancellationToken).ConfigureAwait(false);
    }
}
