using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Audit;

namespace DescopeMgmt.Cli.Commands.Audit;

internal static class AuditExportCommand
{
    private static readonly Option<string> Format = new("--format") { Description = "json or csv.", DefaultValueFactory = _ => "json" };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("export", "Print the whole audit log as JSON or CSV on stdout.") { Format };
        Format.AcceptOnlyFromAmong("json", "csv");
        GlobalOptions.RejectWithJsonOutput(command, Format, "csv");
        runner.SetAction(command, (parse, context, ct) => Task.FromResult(Run(parse.GetValue(Format)!, context)));
        return command;
    }

    internal static int Run(string format, CommandContext context)
    {
        var entries = AuditListCommand.ReadWithWarnings(new AuditQuery(), context);
        // JSON is the document `audit list --output json` prints, in the output vocabulary (not the log's own names).
        context.IO.WriteRawOut(format == "csv"
            ? AuditLog.ExportCsv(entries)
            : CliJsonContext.Write(new ItemsDocument<AuditEntry>(entries.ToList()), CliJsonContext.Default.ItemsDocumentAuditEntry) + "\n");
        return ExitCodes.Success;
    }
}
