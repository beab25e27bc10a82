using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands.Audit;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Audit;

namespace DescopeMgmt.Cli.Commands.Rollback;

internal static class RollbackHistoryCommand
{
    private static readonly string[] RollbackOperations = ["flow rollback", "tenant rollback", "backup restore"];

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("history", "Past rollbacks and restores from the audit log: when, who, what, from which backup, and the backup that undoes them.");
        runner.SetAction(command, (_, context, _) => Task.FromResult(Run(context)));
        return command;
    }

    internal static int Run(CommandContext context)
    {
        var projectId = context.ProjectIdIfKnown;
        var items = AuditListCommand.ReadWithWarnings(new AuditQuery(), context)
            .Where(e => RollbackOperations.Any(op => e.Operation.StartsWith(op, StringComparison.Ordinal)))
            .Where(e => projectId is null || e.ProjectId == projectId)
            .Select(e => new RollbackHistoryItem(e.Time, e.User, e.Operation, e.Targets, e.RollbackOf, e.PreRollbackBackupId, e.Outcome))
            .ToList();
        context.IO.Result(new ItemsDocument<RollbackHistoryItem>(items), CliJsonContext.Default.ItemsDocumentRollbackHistoryItem, (console, doc) =>
        {
            if (doc.Items.Count == 0)
            {
                console.WriteLine("No rollbacks yet.");
                return;
            }

            var table = Tables.Create("Time (UTC)", "User", "Operation", "Items", "From", "Undo with backup", "Outcome");
            foreach (var r in doc.Items)
            {
                table.AddRow(Tables.Cell(r.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Tables.Cell(r.User), Tables.Cell(r.Operation),
                    Tables.Cell(string.Join(", ", r.Targets)), Tables.Cell(r.FromBackup), Tables.Cell(r.PreRollbackBackup), Tables.Cell(r.Outcome));
            }

            console.Write(table);
        });
        return ExitCodes.Success;
    }
}
