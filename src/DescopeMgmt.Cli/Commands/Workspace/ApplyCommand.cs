using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands.Backup;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class ApplyCommand
{
    private static readonly Option<string?> Only = OnlyOption.Create();

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("apply", "Make live match the workspace: show the plan, confirm, back up everything touched, apply, verify.") { Only };
        runner.SetAction(command, (parse, context, ct) =>
            ApplyWorkflow.RunAsync(context, PlanScope.From(OnlyOption.Parse(parse.GetValue(Only))), "apply", dryRun: false, ct));
        return command;
    }
}
