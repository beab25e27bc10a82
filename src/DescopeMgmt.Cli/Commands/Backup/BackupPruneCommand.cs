using System.CommandLine;
using Spectre.Console;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupPruneCommand
{
    private static readonly Option<string> OlderThan = new("--older-than") { Description = "Remove backups older than this (e.g. 30d, 12h).", DefaultValueFactory = _ => "30d" };

    private static readonly Option<int> Keep = new("--keep") { Description = "Always keep this many newest backups, whatever their age.", DefaultValueFactory = _ => 10 };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "List what would be removed and remove nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("prune", "Remove old backups of the project, keeping the newest ones.") { OlderThan, Keep, DryRun };
        runner.SetAction(command, (parse, context, ct) => Task.FromResult(Run(parse.GetValue(OlderThan)!, parse.GetValue(Keep), parse.GetValue(DryRun), context)));
        return command;
    }

    internal static int Run(string olderThan, int keep, bool dryRun, CommandContext context)
    {
        TimeSpan age;
        try
        {
            age = DurationText.Parse(olderThan, TimeSpan.FromDays(1));
        }
        catch (FormatException ex)
        {
            throw new UserError("invalid_duration", ex.Message, "Examples: --older-than 30d, --older-than 12h.");
        }

        var projectId = context.ProjectIdIfKnown ?? throw new UserError("no_project", "Prune works on one project; none was chosen.", "Pass --project-id or set DESCOPE_PROJECT_ID.");
        var result = context.BackupStore().Prune(projectId, age, keep, dryRun);
        var doc = new PruneDocument(result.Removed.Select(m => m.Id).ToList(), result.Kept.Count, dryRun);
        context.IO.Result(doc, CliJsonContext.Default.PruneDocument, (console, d) =>
        {
            foreach (var id in d.Removed)
            {
                console.WriteLine($"{(d.DryRun ? "would remove" : "removed")} {id}");
            }

            console.WriteLine($"{d.Removed.Count} backup(s) {(d.DryRun ? "would be " : "")}removed, {d.Kept} kept.");
        });
        return ExitCodes.Success;
    }
}
