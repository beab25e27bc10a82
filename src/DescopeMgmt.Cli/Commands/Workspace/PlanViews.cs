using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Commands.Workspace;

/// <summary>What plan and drift share: one plan, or every environment's, as text, JSON or Markdown.</summary>
internal static class PlanViews
{
    public static void WriteOne(CommandContext context, PlanRun run, string format, DiffVoice voice, string title, string? fingerprint)
    {
        var document = PlanRenderer.ToDocument(run.Plan, context.Target.ProjectId, context.Target.EnvironmentName) with
        {
            Host = EnvironmentPlans.HostOf(context.Target),
            Fingerprint = fingerprint,
        };
        switch (format)
        {
            case "json":
                context.IO.WriteRawOut(CliJsonContext.Write(document, CliJsonContext.Default.PlanDocument) + "\n");
                break;
            case "markdown":
                context.IO.WriteRawOut(PlanRenderer.Markdown(run.Plan, title, TargetText.Describe(context.Target), fingerprint, voice));
                break;
            default:
                context.IO.Result(document, CliJsonContext.Default.PlanDocument, (console, _) => PlanRenderer.WriteText(console, run.Plan, voice));
                break;
        }
    }

    public static async Task<int> AllEnvironmentsAsync(CommandContext context, PlanScope scope, string format, DiffVoice voice, string title, bool changesExit, CancellationToken cancellationToken)
    {
        var results = await EnvironmentPlans.PlanAsync(context, scope, cancellationToken).ConfigureAwait(false);
        var document = EnvironmentPlansRenderer.ToDocument(results);
        switch (format)
        {
            case "json":
                context.IO.WriteRawOut(CliJsonContext.Write(document, CliJsonContext.Default.EnvironmentsPlanDocument) + "\n");
                break;
            case "markdown":
                context.IO.WriteRawOut(EnvironmentPlansRenderer.Markdown(results, title, voice, context.Time.GetUtcNow()));
                break;
            default:
                context.IO.Result(document, CliJsonContext.Default.EnvironmentsPlanDocument, (console, _) => EnvironmentPlansRenderer.WriteText(console, results, voice));
                break;
        }

        return EnvironmentPlans.ExitCode(results, changesExit);
    }
}
