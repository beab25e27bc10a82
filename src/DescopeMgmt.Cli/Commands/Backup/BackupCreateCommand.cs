using System.CommandLine;
using Spectre.Console;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupCreateCommand
{
    private static readonly Option<string?> Only = OnlyOption.Create();

    private static readonly Option<string?> Note = new("--note") { Description = "A note stored in the manifest (why this backup was taken)." };

    public const string Operation = "backup create";

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("create", "Back up the live items of every managed kind of the project now (flows, theme, tenants, permissions, roles, the project password policy, access keys without their secrets, the SSO configurations of the tenants the workspace opts in, without secrets).") { Only, Note };
        runner.SetAction(command, (parse, context, ct) => RunAsync(OnlyOption.Parse(parse.GetValue(Only)), parse.GetValue(Note), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(IReadOnlySet<ResourceType> types, string? note, CommandContext context, CancellationToken cancellationToken)
    {
        // In a workspace, a kind managed item by item (tenant SSO: one read per tenant) covers the items it manages;
        // outside one, every item.
        var manage = WorkspaceSession.ManageOrNull(context);
        types = types.Where(t => manage is null || !Core.Kinds.ResourceKinds.Of(t).ManagedByList || manage.Manages(t)).ToHashSet();
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var live = await new LiveSnapshotReader(client).ReadAsync(types, context.IO.Warnings, cancellationToken, manage: manage).ConfigureAwait(false);
        var items = live.Items().Select(i => new BackupItemContent(i.Key.Type, i.Key.Id, i.Value)).ToList();

        var identity = context.Identity();
        var manifest = await context.BackupStore().CreateAsync(
            new BackupRequest(identity.ProjectId, identity.Environment, Operation, note, identity.User, identity.ToolVersion, items,
                Host: identity.TargetHost, Kinds: types),
            cancellationToken).ConfigureAwait(false);
        context.IO.Result(BackupSummary.From(manifest), CliJsonContext.Default.BackupSummary,
            (console, summary) => console.WriteLine($"Backup {summary.Id} created with {Plural.Of(summary.Items.Count, "item")} at {summary.Path}"));
        return ExitCodes.Success;
    }
}
