using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands.Backup;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class PlanCommand
{
    private static readonly Option<string?> Only = OnlyOption.Create();

    private static readonly Option<bool> DetailedExitCode = new("--detailed-exitcode") { Description = "Exit 2 when there are changes (0 = none, 1 = error)." };

    private static readonly Option<string?> Out = new("--out") { Description = "Save the plan to this file; `descope-mgmt apply FILE` then applies exactly it (and refuses if live or the workspace changed since)." };

    private static readonly Option<string> Format = new("--format") { Description = "text, json, or markdown (a pull-request comment carrying the plan's fingerprint).", DefaultValueFactory = _ => "text" };

    private static readonly Option<bool> AllEnvs = new("--all-envs") { Description = "Plan every environment of descope.yaml: one section each and one summary line; exit 1 if any failed." };

    public static Command Build(CommandRunner runner)
    {
        Format.AcceptOnlyFromAmong("text", "json", "markdown");
        var command = new Command("plan", "Show, field by field, how live differs from the workspace. Changes nothing.") { Only, DetailedExitCode, Out, Format, AllEnvs };
        runner.SetAction(command, (parse, context, ct) =>
        {
            var scope = PlanScope.From(OnlyOption.Parse(parse.GetValue(Only)));
            if (!parse.GetValue(AllEnvs))
            {
                return RunAsync(scope, parse.GetValue(DetailedExitCode), parse.GetValue(Out), context, ct, parse.GetValue(Format)!);
            }

            return parse.GetValue(Out) is null
                ? PlanViews.AllEnvironmentsAsync(context, scope, parse.GetValue(Format)!, DiffVoice.Change, "descope-mgmt plan", parse.GetValue(DetailedExitCode), ct)
                : throw new UserError("invalid_arguments", "--out saves the plan of one environment; it cannot be combined with --all-envs.",
                    "Save each environment's plan on its own: `descope-mgmt plan --env NAME --out NAME.plan.json`.");
        });
        return command;
    }

    internal static async Task<int> RunAsync(PlanScope scope, bool detailedExitCode, string? outFile, CommandContext context, CancellationToken cancellationToken, string format = "text")
    {
        context.IO.Info(TargetText.Line(context.Target));
        var run = await WorkspaceSession.PlanAsync(context, scope, cancellationToken).ConfigureAwait(false);
        var saved = outFile is not null || format == "markdown" ? run.Save(context.Target, context.Time.GetUtcNow()) : null;
        if (outFile is not null)
        {
            var path = Path.GetFullPath(outFile, context.Env.CurrentDirectory);
            var text = saved!.ToJson();
            // A plan holds workspace values after ${VAR} substitution: a key that reached one must not reach a file.
            if (context.Env.Secrets.Any(s => text.Contains(s, StringComparison.Ordinal)))
            {
                throw new UserError("plan_holds_secret", "The plan holds a management key, so it was not saved.",
                    "Find the workspace value that holds a key and replace it with a ${NAME} placeholder of a non-secret value.");
            }

            WorkspaceWriter.Write(path, text);
            context.IO.Info($"Saved the plan ({saved.Fingerprint}) to {path}. `descope-mgmt apply {outFile}` applies exactly this plan.");
        }

        PlanViews.WriteOne(context, run, format, DiffVoice.Change, "descope-mgmt plan", saved?.Fingerprint);
        return detailedExitCode && !run.Plan.IsEmpty ? ExitCodes.ChangesPresent : ExitCodes.Success;
    }
}
