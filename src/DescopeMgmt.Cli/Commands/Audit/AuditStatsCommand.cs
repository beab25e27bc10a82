using System.CommandLine;
using Spectre.Console;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Audit;

namespace DescopeMgmt.Cli.Commands.Audit;

internal static class AuditStatsCommand
{
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("stats", "Count audit entries by operation and outcome.");
        runner.SetAction(command, (_, context, _) => Task.FromResult(Run(context)));
        return command;
    }

    internal static int Run(CommandContext context)
    {
        var entries = AuditListCommand.ReadWithWarnings(new AuditQuery(), context);
        context.IO.Result(AuditLog.Stats(entries), CliJsonContext.Default.AuditStats, (console, s) =>
        {
            console.WriteLine($"{Plural.Of(s.Total, "change")} recorded{(s.First is null ? "" : $" from {s.First:u} to {s.Last:u}")}");
            var table = Tables.Create("Operation", "Count");
            foreach (var (operation, count) in s.ByOperation)
            {
                table.AddRow(Tables.Cell(operation), Tables.Cell(count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            console.Write(table);
            console.WriteLine(string.Join(", ", s.ByOutcome.Select(o => $"{o.Key}: {o.Value}")));
        });
        return ExitCodes.Success;
    }
}
