using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Permission;

internal static class PermissionCreateCommand
{
    private const string Operation = "permission create";

    private static readonly Argument<string> Name = NameArgument.Create("Name of the new permission (unique in the project; roles grant it by this name).");

    private static readonly Option<string?> Description = new("--description") { Description = "What the permission allows." };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be created and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("create", "Create a permission.") { Name, Description, DryRun };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), parse.GetValue(Description), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, string? description, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(ResourceType.Permission, name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, existing =>
        {
            if (existing is not null)
            {
                throw new UserError("permission_exists", $"Permission '{name}' already exists in {context.Target.Describe()}.",
                    $"Change its description with `descope-mgmt permission update {UndoCommands.Quote(name)} --description TEXT`.");
            }

            var desired = new JsonObject { ["name"] = name, ["description"] = description ?? "" };
            return new SingleItemPlan(desired, "create", (live, ct) => live.PutAsync(key, desired, exists: false, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
