using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands.Backup;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class ApplyCommand
{
    private static readonly Option<string?> Only = OnlyOption.Create();

    private static readonly Argument<string?> PlanFile = new("PLANFILE")
    {
        Description = "A plan saved by `plan --out`: apply exactly it, refusing if live or the workspace changed since.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> SecretsOut = new("--secrets-out")
    {
        Description = "Write the cleartext of each access key the apply creates to FILE (created readable by you alone; never over an existing file).",
        HelpName = "FILE",
    };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("apply", "Make live match the workspace: show the plan, confirm, back up everything touched, apply, verify.") { Only, PlanFile, SecretsOut };
        runner.SetAction(command, (parse, context, ct) =>
        {
            if (parse.GetValue(PlanFile) is { } planFile)
            {
                return parse.GetValue(Only) is null
                    ? ApplyWorkflow.RunSavedAsync(context, planFile, ct, parse.GetValue(SecretsOut))
                    : throw new UserError("invalid_arguments", "--only cannot be combined with a plan file: a saved plan applies the kinds it was made for.",
                        "Make the plan with `descope-mgmt plan --only KINDS --out plan.json`, then `descope-mgmt apply plan.json`.");
            }

            return ApplyWorkflow.RunAsync(context, PlanScope.From(OnlyOption.Parse(parse.GetValue(Only))), "apply", dryRun: false, ct, parse.GetValue(SecretsOut));
        });
        return command;
    }
}
