using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;

namespace DescopeMgmt.Cli.Commands.Completion;

/// <summary>The script --output json prints: the shell it is for and the script itself.</summary>
public sealed record CompletionScriptDocument(string Shell, string Script);

/// <summary>`completion bash|zsh|fish|pwsh`: prints the shell's completion script on stdout.</summary>
internal static class CompletionCommand
{
    public static Command Build(CommandRunner runner)
    {
        var shell = new Argument<string>("shell") { Description = "The shell to complete in: bash, zsh, fish or pwsh." };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command("completion",
            "Print the script that makes TAB complete descope-mgmt's commands, options and values in your shell. " +
            "The script asks descope-mgmt on each TAB, so descope-mgmt must be on PATH.")
        {
            shell,
        };
        runner.SetAction(command, (parse, context, _) =>
        {
            var name = parse.GetValue(shell)!;
            var script = CompletionScripts.For(name);
            context.IO.Result(new CompletionScriptDocument(name, script), CliJsonContext.Default.CompletionScriptDocument,
                (_, _) => context.IO.WriteRawOut(script));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
