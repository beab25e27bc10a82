using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Flows;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Flow;

internal static class FlowImportCommand
{
    private const string Operation = "flow import";

    private static readonly Argument<string> File = new("file") { Description = "Flow file: a v2 export, the raw API answer, or a v1 console/descopecli export." };

    private static readonly Option<string?> FlowId = new("--flow-id") { Description = "Import under this ID (default: the file's flowId, then flow.id)." };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the diff and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("import", "Import a flow file into the project, after showing the diff and taking a backup of the live flow.")
        {
            File, FlowId, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(
            new Options(parse.GetRequiredValue(File), parse.GetValue(FlowId), parse.GetValue(DryRun)), context, ct));
        return command;
    }

    internal sealed record Options(string File, string? FlowId, bool DryRun);

    internal static async Task<int> RunAsync(Options options, CommandContext context, CancellationToken cancellationToken)
    {
        var file = FlowFileReader.Read(Path.GetFullPath(options.File, context.Env.CurrentDirectory), options.FlowId);
        var key = ResourceKey.Flow(file.FlowId);
        return await SingleItemChange.RunAsync(context, key, Operation, options.DryRun, current =>
            new SingleItemPlan(file.Flow, current is null ? "create" : "import", (live, ct) => live.PutAsync(key, file.Flow, current is not null, ct)),
            cancellationToken).ConfigureAwait(false);
    }
}
