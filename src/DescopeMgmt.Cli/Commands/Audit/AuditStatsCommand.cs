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
        var stats = new AuditStatsDocument(
            entries.Count,
            entries.GroupBy(e => e.Operation).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            entries.GroupBy(e => e.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            entries.Count == 0 ? null : entries.Min(e => e.Time),
            entries.Count == 0 ? null : entries.Max(e => e.Time));
        context.IO.Result(stats, CliJsonContext.Default.AuditStatsDocument, (console, s) =>
        {
            console.WriteLine($"{s.Total} change(s) recorded{(s.First is null ? "" : $" from {s.First:u} to {s.Last:u}")}");
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
