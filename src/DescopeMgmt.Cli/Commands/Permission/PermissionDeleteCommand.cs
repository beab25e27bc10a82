using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.Roles;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Cli.Rendering;

namespace DescopeMgmt.Cli.Commands.Permission;

internal static class PermissionDeleteCommand
{
    private const string Operation = "permission delete";

    private static readonly Argument<string> Name = NameArgument.Create("The permission to delete.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be deleted and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("delete",
            "Delete a permission, after taking a backup of it (undo with backup restore). Built-in permissions, and permissions a role still grants, are refused.")
        {
            Name, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(ResourceType.Permission, name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, async (found, client, ct) =>
        {
            PermissionChecks.RequireChangeable(context, key, found, "deleted");
            // The service drops a deleted permission from the roles that grant it, and restoring the permission
            // from its backup would not grant it again: refuse, as tenant delete refuses a parent, rather than
            // make a change its own undo cannot take back.
            var granting = (await client.Roles.LoadAllAsync(ct).ConfigureAwait(false))
                .Where(r => r.PermissionNames.Contains(name, StringComparer.Ordinal))
                .OrderBy(r => RoleKind.Id(r.TenantId, r.Name), StringComparer.Ordinal)
                .ToList();
            if (granting.Count > 0)
            {
                var first = granting[0];
                var rest = first.PermissionNames.Where(p => p != name).ToList();
                var command = $"descope-mgmt role update {UndoCommands.Quote(first.Name)}"
                    + (string.IsNullOrEmpty(first.TenantId) ? "" : $" --tenant {UndoCommands.Quote(first.TenantId)}")
                    + (rest.Count == 0 ? " --permission ''" : string.Concat(rest.Select(p => $" --permission {UndoCommands.Quote(p)}")));
                throw new UserError("permission_in_use",
                    $"Permission '{name}' is granted by {Plural.Of(granting.Count, "role")}: {string.Join("; ", granting.Select(r => RoleKind.Describe(RoleKind.Id(r.TenantId, r.Name))))}. Nothing was changed.",
                    $"Remove it from those roles first (--permission replaces a role's list): {command}");
            }

            return new SingleItemPlan(null, "delete", (live, c) => live.DeleteAsync(key, cascade: false, c));
        }, cancellationToken).ConfigureAwait(false);
    }
}
