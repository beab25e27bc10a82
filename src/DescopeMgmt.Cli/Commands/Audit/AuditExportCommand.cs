using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Audit;

namespace DescopeMgmt.Cli.Commands.Audit;

internal static class AuditExportCommand
{
    private static readonly Option<string> Format = new("--format") { Description = "json or csv.", DefaultValueFactory = _ => "json" };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("export", "Print the whole audit log as JSON or CSV on stdout.") { Format };
        Format.AcceptOnlyFromAmong("json", "csv");
        runner.SetAction(command, (parse, context, ct) => Task.FromResult(Run(parse.GetValue(Format)!, context)));
        return command;
    }

    internal static int Run(string format, CommandContext context)
    {
        var entries = AuditListCommand.ReadWithWarnings(new AuditQuery(), context);
        // Both exports end with their own newline; one more would leave a blank line after the document.
        context.IO.WriteRawOut(format == "csv" ? AuditLog.ExportCsv(entries) : AuditLog.ExportJson(entries));
        return ExitCodes.Success;
    }
}
