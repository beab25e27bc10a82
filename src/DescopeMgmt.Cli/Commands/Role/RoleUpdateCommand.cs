using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Kinds.Roles;

namespace DescopeMgmt.Cli.Commands.Role;

internal static class RoleUpdateCommand
{
    private const string Operation = "role update";

    private static readonly Argument<string> Name = NameArgument.Create("The role to change.");

    private static readonly Option<string?> Tenant = RoleFieldOptions.TenantOption("The tenant the role belongs to; without it, a project role.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the field diff and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var fields = new RoleFieldOptions();
        var command = new Command("update",
            "Change fields of a role (the built-in Tenant Admin cannot be changed). The API replaces every field, so the live role is read, the given flags applied, and the result written whole.")
        {
            Name, Tenant, DryRun,
        };
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
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            var current = RoleFieldOptions.RequireChangeable(context, key, found, "changed");
            var desired = RoleFieldOptions.Apply(current, values);
            return new SingleItemPlan(desired, "update", (live, ct) => live.PutAsync(key, desired, exists: true, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
