using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupListCommand
{
    private static readonly Option<string?> FlowId = new("--flow-id") { Description = "Only backups holding this flow." };

    private static readonly Option<string?> TenantId = new("--tenant-id") { Description = "Only backups holding this tenant." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List backups of the project, newest first (all projects when none is chosen).") { FlowId, TenantId };
        runner.SetAction(command, (parse, context, ct) => Task.FromResult(Run(parse.GetValue(FlowId), parse.GetValue(TenantId), context)));
        return command;
    }

    internal static int Run(string? flowId, string? tenantId, CommandContext context)
    {
        ResourceKey? containing = flowId is not null ? ResourceKey.Flow(flowId) : tenantId is not null ? ResourceKey.Tenant(tenantId) : null;
        var listing = context.BackupStore().Scan(context.ProjectIdIfKnown, containing);
        foreach (var damaged in listing.Damaged)
        {
            context.IO.Warn(damaged.Warning);
        }

        var backups = listing.Backups.Select(BackupSummary.From).ToList();
        context.IO.Result(new ItemsDocument<BackupSummary>(backups), CliJsonContext.Default.ItemsDocumentBackupSummary, Render);
        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, ItemsDocument<BackupSummary> result)
    {
        if (result.Items.Count == 0)
        {
            console.WriteLine("No backups yet. They are taken before every change, or with `descope-mgmt backup create`.");
            return;
        }

        var table = Tables.Create("ID", "Created (UTC)", "Project", "Env", "Host", "Operation", "Items", "Note");
        foreach (var b in result.Items)
        {
            var counts = string.Join(", ", b.Items.GroupBy(i => i.Type).Select(g => $"{g.Count()} {g.Key}")
                .Concat(b.Absent.GroupBy(i => i.Type).Select(g => $"{g.Count()} new {g.Key}")));
            table.AddRow(Tables.Cell(b.Id), Tables.Cell(Rendering.TimeText.Utc(b.CreatedAt)),
                Tables.Cell(b.ProjectId), Tables.Cell(b.Environment), Tables.Cell(b.Host ?? "unknown"), Tables.Cell(b.Operation), Tables.Cell(counts), Tables.Cell(b.Note));
        }

        console.Write(table);
    }
}
