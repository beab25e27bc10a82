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
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("history", "Past rollbacks and restores from the audit log: when, who, what, from which backup, and the backup that undoes them.");
        runner.SetAction(command, (_, context, _) => Task.FromResult(Run(context)));
        return command;
    }

    internal static int Run(CommandContext context)
    {
        var projectId = context.ProjectIdIfKnown;
        var items = RollbackHistory.From(AuditListCommand.ReadWithWarnings(new AuditQuery(), context))
            .Where(r => projectId is null || r.ProjectId == projectId)
            .ToList();
        context.IO.Result(new RollbackRecordList(items), CliJsonContext.Default.RollbackRecordList, (console, doc) =>
        {
            if (doc.Items.Count == 0)
            {
                console.WriteLine("No rollbacks yet.");
                return;
            }

            var table = Tables.Create("Time (UTC)", "User", "Environment", "Operation", "Items", "From", "Undo with backup", "Outcome");
            foreach (var r in doc.Items)
            {
                table.AddRow(Tables.Cell(Rendering.TimeText.Utc(r.When)), Tables.Cell(r.User),
                    Tables.Cell(r.Environment ?? "-"), Tables.Cell(r.Operation),
                    Tables.Cell(string.Join(", ", r.Targets)), Tables.Cell(r.FromBackupId), Tables.Cell(r.PreRollbackBackupId), Tables.Cell(r.Outcome));
            }

            console.Write(table);
        });
        return ExitCodes.Success;
    }
}
