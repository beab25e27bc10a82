using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Backups;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupShowCommand
{
    private static readonly Argument<string> Reference = new("ref") { Description = "Backup: ID, its unique prefix or random suffix, timestamp, folder, manifest.json, or 'latest'." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("show", "Show a backup's manifest and items, checking every item against its checksum (exit 1 when one is damaged).") { Reference };
        runner.SetAction(command, (parse, context, ct) => Task.FromResult(Run(parse.GetRequiredValue(Reference), context)));
        return command;
    }

    internal static int Run(string reference, CommandContext context)
    {
        var store = context.BackupStore();
        var manifest = store.Resolve(reference, context.ProjectIdIfKnown);
        // Checksums are verified on every read, so a damaged backup never looks whole here.
        var verification = store.Verify(manifest);
        var problems = verification.Items.Where(i => i.Problem is not null).ToDictionary(i => (i.Type, i.Id), i => i.Problem!);
        // --output json promises one document: a damaged backup gives only the error document. For people
        // the details still help to judge the damage, and the error follows on stderr.
        if (!verification.IsValid && context.IO.Json)
        {
            throw verification.ToCorruptError();
        }

        context.IO.Result(BackupSummary.From(manifest), CliJsonContext.Default.BackupSummary, (console, b) =>
        {
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string name, string? value) => grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value ?? ""));
            Row("ID", b.Id);
            Row("Created", Rendering.TimeText.Utc(b.CreatedAt));
            Row("Project", b.ProjectId);
            Row("Environment", b.Environment);
            Row("Operation", b.Operation);
            Row("User", b.User);
            Row("Note", b.Note);
            Row("Path", b.Path);
            console.Write(grid);
            var table = Tables.Create("Type", "ID", "Held");
            foreach (var item in b.Items)
            {
                var held = problems.TryGetValue((item.Type, item.Id), out var problem) ? $"DAMAGED: {problem}" : "content (checksum OK)";
                table.AddRow(Tables.Cell(item.Type), Tables.Cell(item.Id), Tables.Cell(held));
            }

            foreach (var item in b.Absent)
            {
                table.AddRow(Tables.Cell(item.Type), Tables.Cell(item.Id), Tables.Cell("did not exist (restore deletes it)"));
            }

            console.Write(table);
        });

        if (!verification.IsValid)
        {
            throw verification.ToCorruptError();
        }

        return ExitCodes.Success;
    }
}
