using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.Roles;

namespace DescopeMgmt.Cli.Commands.Role;

internal static class RoleCreateCommand
{
    private const string Operation = "role create";

    private static readonly Argument<string> Name = NameArgument.Create("Name of the new role (unique in its tenant, or among the project's roles).");

    private static readonly Option<string?> Tenant = RoleFieldOptions.TenantOption("Create the role in this tenant (fixed at creation); without it, a project role.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be created and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var fields = new RoleFieldOptions();
        var command = new Command("create", "Create a role that grants the given permissions (they must exist).") { Name, Tenant, DryRun };
        foreach (var option in fields.All)
        {
            command.Add(option);
        }

        runner.SetAction(command, (parse, context, ct) =>
            RunAsync(parse.GetRequiredValue(Name), parse.GetValue(Tenant), fields.Read(parse), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, string? tenantId, RoleFieldOptions.Values values, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = RoleKind.Key(tenantId, name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, existing =>
        {
            if (existing is not null)
            {
                var tenant = string.IsNullOrEmpty(tenantId) ? "" : $" --tenant {UndoCommands.Quote(tenantId)}";
                throw new UserError("role_exists", $"Role {RoleKind.Describe(key.Id)} already exists in {context.Target.Describe()}.",
                    $"Change it with `descope-mgmt role update {UndoCommands.Quote(name)}{tenant}`.");
            }

            var desired = RoleFieldOptions.NewRole(tenantId, name, values);
            return new SingleItemPlan(desired, "create", (live, ct) => live.PutAsync(key, desired, exists: false, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
