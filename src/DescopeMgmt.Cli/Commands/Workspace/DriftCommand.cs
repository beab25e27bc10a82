using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class DriftCommand
{
    private static readonly Option<string> Format = new("--format") { Description = "text, json (machines) or markdown (a pull-request comment).", DefaultValueFactory = _ => "text" };

    private static readonly Option<bool> AllEnvs = new("--all-envs") { Description = "Check every environment of descope.yaml: one section each and one summary line; exit 1 if any failed, else 2 if any differs." };

    public static Command Build(CommandRunner runner)
    {
        Format.AcceptOnlyFromAmong("text", "json", "markdown");
        var command = new Command("drift", "The plan for CI: exit 2 when live differs from the workspace, 0 when it matches.") { Format, AllEnvs };
        runner.SetAction(command, (parse, context, ct) => parse.GetValue(AllEnvs)
            ? PlanViews.AllEnvironmentsAsync(context, PlanScope.All, parse.GetValue(Format)!, DiffVoice.Drift, "descope-mgmt drift", changesExit: true, ct)
            : RunAsync(parse.GetValue(Format)!, context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string format, CommandContext context, CancellationToken cancellationToken)
    {
        context.IO.Info(TargetText.Line(context.Target));
        var run = await WorkspaceSession.PlanAsync(context, PlanScope.All, cancellationToken).ConfigureAwait(false);
        var fingerprint = format == "markdown" ? run.Save(context.Target, context.Time.GetUtcNow()).Fingerprint : null;
        PlanViews.WriteOne(context, run, format, DiffVoice.Drift, "descope-mgmt drift", fingerprint);
        return run.Plan.IsEmpty ? ExitCodes.Success : ExitCodes.ChangesPresent;
    }
}
