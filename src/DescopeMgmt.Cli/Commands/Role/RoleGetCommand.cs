using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.Roles;

namespace DescopeMgmt.Cli.Commands.Role;

internal static class RoleGetCommand
{
    private static readonly Argument<string> Name = NameArgument.Create("The role to show.");

    private static readonly Option<string?> Tenant = RoleFieldOptions.TenantOption("The tenant the role belongs to; without it, a project role.");

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("get", "Show one role with all its fields.") { Name, Tenant };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), parse.GetValue(Tenant), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, string? tenantId, CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var key = RoleKind.Key(tenantId, name);
        var role = await ResourceKinds.Role.GetAsync(client, key.Id, cancellationToken).ConfigureAwait(false)
            ?? throw RoleFieldOptions.NotFound(context, key);
        context.IO.Result(role, CliJsonContext.Default.JsonObject, DocumentGrid.Render);
        return ExitCodes.Success;
    }
}
