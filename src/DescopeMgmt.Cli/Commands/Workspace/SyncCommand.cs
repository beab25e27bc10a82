using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Commands.Workspace;

/// <summary>`flow sync` and `tenant sync`: apply scoped to one type, a dry run unless --apply (as in the earlier Python tool).</summary>
internal static class SyncCommand
{
    public static Command Build(CommandRunner runner, ResourceType type)
    {
        var noun = ResourceTypeNames.ToWire(type);
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan only (the default)." };
        var apply = new Option<bool>("--apply") { Description = "Apply the plan (after confirmation or --yes)." };
        var command = new Command("sync", $"Make live {noun}s match the workspace: a dry run by default, --apply to change.") { dryRun, apply };
        command.Validators.Add(result =>
        {
            if (result.GetValue(apply) && result.GetValue(dryRun))
            {
                result.AddError("Give --apply or --dry-run, not both.");
            }
        });
        runner.SetAction(command, (parse, context, ct) => ApplyWorkflow.RunAsync(context,
            PlanScope.From(new HashSet<ResourceType> { type }), $"{noun} sync", dryRun: !parse.GetValue(apply) || parse.GetValue(dryRun), ct));
        return command;
    }
}
