using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Permission;

internal static class PermissionUpdateCommand
{
    private const string Operation = "permission update";

    private static readonly Argument<string> Name = NameArgument.Create("The permission to change.");

    private static readonly Option<string> Description = new("--description")
    {
        Description = "The new description (\"\" removes it).",
        Required = true,
    };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the field diff and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("update",
            "Change a permission's description (built-in permissions cannot be changed). Its name is its identity: roles grant it by name.")
        {
            Name, Description, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), parse.GetRequiredValue(Description), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, string description, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(ResourceType.Permission, name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            var current = PermissionChecks.RequireChangeable(context, key, found, "changed");
            var desired = (JsonObject)current.DeepClone();
            desired["description"] = description;
            return new SingleItemPlan(desired, "update", (live, ct) => live.PutAsync(key, desired, exists: true, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
