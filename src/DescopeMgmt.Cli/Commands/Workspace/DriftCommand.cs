using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class DriftCommand
{
    private static readonly Option<string> Format = new("--format") { Description = "text, json (machines) or markdown (a pull-request comment).", DefaultValueFactory = _ => "text" };

    public static Command Build(CommandRunner runner)
    {
        Format.AcceptOnlyFromAmong("text", "json", "markdown");
        var command = new Command("drift", "The plan for CI: exit 2 when live differs from the workspace, 0 when it matches.") { Format };
        GlobalOptions.RejectWithJsonOutput(command, Format, "markdown");
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(Format)!, context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string format, CommandContext context, CancellationToken cancellationToken)
    {
        var (_, plan) = await WorkspaceSession.PlanAsync(context, PlanScope.All, cancellationToken).ConfigureAwait(false);
        var document = PlanRenderer.ToDocument(plan, context.Target.ProjectId, context.Target.EnvironmentName);
        switch (format)
        {
            case "json":
                context.IO.WriteRawOut(CliJsonContext.Write(document, CliJsonContext.Default.PlanDocument) + "\n");
                break;
            case "markdown":
                context.IO.WriteRawOut(PlanRenderer.Markdown(plan, context.Target.Describe()));
                break;
            default:
                context.IO.Result(document, CliJsonContext.Default.PlanDocument, (console, _) => PlanRenderer.WriteText(console, plan));
                break;
        }

        return plan.IsEmpty ? ExitCodes.Success : ExitCodes.ChangesPresent;
    }
}
