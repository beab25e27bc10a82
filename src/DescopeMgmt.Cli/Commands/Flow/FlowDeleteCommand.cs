using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Flows;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Flow;

internal static class FlowDeleteCommand
{
    private const string Operation = "flow delete";

    private static readonly Argument<string> FlowId = new("flow-id") { Description = "The flow to delete." };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be deleted and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("delete", "Delete a flow, after taking a backup of it (undo with flow rollback).") { FlowId, DryRun };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(FlowId), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string flowId, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        FlowIds.EnsureSafe(flowId);
        var key = ResourceKey.Flow(flowId);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            _ = found ?? throw SingleItemChange.NotFound(context, key);
            return new SingleItemPlan(null, "delete", (live, ct) => live.DeleteAsync(key, cascade: false, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
