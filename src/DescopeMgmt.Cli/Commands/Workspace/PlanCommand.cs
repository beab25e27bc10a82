using System.CommandLine;
using System.Text.Json;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands.Backup;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class PlanCommand
{
    private static readonly Option<string?> Only = OnlyOption.Create();

    private static readonly Option<bool> DetailedExitCode = new("--detailed-exitcode") { Description = "Exit 2 when there are changes (0 = none, 1 = error)." };

    private static readonly Option<string?> Out = new("--out") { Description = "Also write the plan as JSON to this file." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("plan", "Show, field by field, how live differs from the workspace. Changes nothing.") { Only, DetailedExitCode, Out };
        runner.SetAction(command, (parse, context, ct) => RunAsync(PlanScope.From(OnlyOption.Parse(parse.GetValue(Only))), parse.GetValue(DetailedExitCode), parse.GetValue(Out), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(PlanScope scope, bool detailedExitCode, string? outFile, CommandContext context, CancellationToken cancellationToken)
    {
        var (_, plan) = await WorkspaceSession.PlanAsync(context, scope, cancellationToken).ConfigureAwait(false);
        var document = PlanRenderer.ToDocument(plan, context.Target.ProjectId, context.Target.EnvironmentName);
        if (outFile is not null)
        {
            WorkspaceWriter.Write(Path.GetFullPath(outFile, context.Env.CurrentDirectory), JsonSerializer.Serialize(document, CliJsonContext.Default.PlanDocument) + "\n");
        }

        context.IO.Result(document, CliJsonContext.Default.PlanDocument, (console, _) => PlanRenderer.WriteText(console, plan));
        return detailedExitCode && !plan.IsEmpty ? ExitCodes.ChangesPresent : ExitCodes.Success;
    }
}
