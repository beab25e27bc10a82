using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Kinds.Roles;

namespace DescopeMgmt.Cli.Commands.Role;

internal static class RoleDeleteCommand
{
    private const string Operation = "role delete";

    private static readonly Argument<string> Name = NameArgument.Create("The role to delete.");

    private static readonly Option<string?> Tenant = RoleFieldOptions.TenantOption("The tenant the role belongs to; without it, a project role.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be deleted and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("delete", "Delete a role, after taking a backup of it (undo with backup restore). The built-in Tenant Admin is refused.")
        {
            Name, Tenant, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), parse.GetValue(Tenant), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, string? tenantId, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = RoleKind.Key(tenantId, name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            RoleFieldOptions.RequireChangeable(context, key, found, "deleted");
            context.IO.Warn("Users and access keys that hold this role lose it; restoring the role from its backup does not give it back to them.");
            return new SingleItemPlan(null, "delete", (live, ct) => live.DeleteAsync(key, cascade: false, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
