using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands.Role;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.Users;

namespace DescopeMgmt.Cli.Commands.User;

/// <summary>`user role add|remove|set LOGIN-ID --role R... [--tenant T]`: the user's roles in the project or in one tenant.</summary>
internal static class UserRoleCommand
{
    private enum Change
    {
        Add,
        Remove,
        Set,
    }

    public static Command Build(CommandRunner runner) =>
        new("role", "A user's roles in the project or, with --tenant, in one tenant: add, remove, set.")
        {
            Leaf(runner, Change.Add, "add", "Give the user these roles (kept: the ones it has)."),
            Leaf(runner, Change.Remove, "remove", "Take these roles from the user."),
            Leaf(runner, Change.Set, "set", "Make these the user's only roles there (--role '' for none)."),
        };

    private static Command Leaf(CommandRunner runner, Change change, string name, string description)
    {
        var loginId = UserOptions.LoginId("The user: one of its login IDs, or its user ID.");
        var roles = UserOptions.Roles("A role (repeatable).");
        roles.Required = true;
        var tenant = RoleFieldOptions.TenantOption("The tenant the roles are in (adding to one the user is not in adds the user to it); without it, the project's roles.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the change and make none." };
        var command = new Command(name, description) { loginId, roles, tenant, dryRun };
        runner.SetAction(command, (parse, context, ct) => RunAsync(change, parse.GetRequiredValue(loginId), UserOptions.Values(parse.GetValue(roles)),
            parse.GetValue(tenant), parse.GetValue(dryRun), context, ct));
        return command;
    }

    private static async Task<int> RunAsync(Change change, string loginId, IReadOnlyList<string> roles, string? tenantId, bool dryRun, CommandContext context,
        CancellationToken cancellationToken)
    {
        if (roles.Count == 0 && change != Change.Set)
        {
            throw new UserError("no_roles", "Give at least one role with --role.", $"For example: descope-mgmt user role {change.ToString().ToLowerInvariant()} {UndoCommands.Quote(loginId)} --role Editor.");
        }

        var key = UserKind.Key(loginId);
        var operation = $"user role {change.ToString().ToLowerInvariant()}";
        return await SingleItemChange.RunAsync(context, key, operation, dryRun, (found, client, _) =>
        {
            var current = UserOptions.Require(context, loginId, found);
            var held = UserOptions.RolesOf(current, tenantId);
            var wanted = change switch
            {
                Change.Add => held.Concat(roles.Where(r => !held.Contains(r))).ToList(),
                Change.Remove => held.Where(r => !roles.Contains(r)).ToList(),
                _ => roles.ToList(),
            };
            var desired = UserOptions.WithRoles(current, tenantId, wanted);
            return Task.FromResult(new SingleItemPlan(desired, "update", (_, ct) => change switch
            {
                Change.Add => client.Users.AddRolesAsync(loginId, tenantId, roles, ct),
                Change.Remove => client.Users.RemoveRolesAsync(loginId, tenantId, roles, ct),
                _ => client.Users.SetRolesAsync(loginId, tenantId, roles, ct),
            }));
        }, cancellationToken).ConfigureAwait(false);
    }
}
