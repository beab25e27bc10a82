using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Cli.Commands.Theme;

internal static class ThemeExportCommand
{
    private static readonly Option<string?> OutFile = new("--out-file", "-o")
    {
        Description = "File to write the theme to (default: stdout).",
    };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("export", "Export the project theme (v2 shape, pretty, stable key order).") { OutFile };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(OutFile), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string? outFile, CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var theme = await client.Themes.ExportAsync(cancellationToken).ConfigureAwait(false);
        var text = WorkspaceWriter.JsonText(theme, Core.Kinds.ResourceKinds.Theme);
        if (outFile is null)
        {
            context.IO.WriteRawOut(text);
            return ExitCodes.Success;
        }

        var path = Path.GetFullPath(outFile, context.Env.CurrentDirectory);
        WorkspaceWriter.Write(path, text);
        context.IO.Outcome($"Theme written to {path}", path);
        return ExitCodes.Success;
    }
}
