using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.Roles;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Role;

internal static class RoleListCommand
{
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List the project's roles and every tenant's, built-ins marked (one load-all call).");
        runner.SetAction(command, (_, context, ct) => RunAsync(context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var roles = await client.Roles.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        var items = roles
            .OrderBy(r => r.TenantId ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => (Role: r, Document: RoleDocuments.ToDocument(r)))
            .Select(r => new RoleListItem(r.Role.Name, string.IsNullOrEmpty(r.Role.TenantId) ? null : r.Role.TenantId, r.Role.Description ?? "",
                r.Role.PermissionNames, r.Role.Default, r.Role.Private, ResourceKinds.Role.IsBuiltIn(r.Document)))
            .ToList();
        context.IO.Result(new ItemsDocument<RoleListItem>(items), CliJsonContext.Default.ItemsDocumentRoleListItem, Render);
        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, ItemsDocument<RoleListItem> result)
    {
        if (result.Items.Count == 0)
        {
            console.WriteLine("No roles in this project.");
            return;
        }

        var table = Tables.Create("Name", "Tenant", "Description", "Permissions", "Flags");
        foreach (var r in result.Items)
        {
            var flags = new[] { (r.BuiltIn, "built-in"), (r.Default, "default"), (r.Private, "private") }.Where(f => f.Item1).Select(f => f.Item2);
            table.AddRow(Tables.Cell(r.Name), Tables.Cell(r.Tenant ?? "(project)"), Tables.Cell(r.Description), Tables.Cell(string.Join(", ", r.Permissions)),
                Tables.Cell(string.Join(", ", flags)));
        }

        console.Write(table);
        console.WriteLine(Plural.Of(result.Items.Count, "role"));
    }
}
