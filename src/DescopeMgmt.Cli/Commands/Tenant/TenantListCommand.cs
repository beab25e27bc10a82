using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Tenant;

internal static class TenantListCommand
{
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List the project's tenants (one load-all call).");
        runner.SetAction(command, (_, context, ct) => RunAsync(context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var tenants = await client.Tenants.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        var items = tenants
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new TenantListItem(t.Id, t.Name, string.IsNullOrEmpty(t.Parent) ? null : t.Parent,
                t.SelfProvisioningDomains ?? [], t.Disabled, t.EnforceSSO))
            .ToList();
        context.IO.Result(new ItemsDocument<TenantListItem>(items), CliJsonContext.Default.ItemsDocumentTenantListItem, Render);
        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, ItemsDocument<TenantListItem> result)
    {
        if (result.Items.Count == 0)
        {
            console.WriteLine("No tenants in this project.");
            return;
        }

        var table = Tables.Create("ID", "Name", "Parent", "Self-provisioning domains", "SSO", "State");
        foreach (var t in result.Items)
        {
            table.AddRow(Tables.Cell(t.Id), Tables.Cell(t.Name), Tables.Cell(t.Parent), Tables.Cell(string.Join(", ", t.SelfProvisioningDomains)),
                Tables.Cell(t.EnforceSSO ? "enforced" : ""), Tables.Cell(t.Disabled ? "disabled" : "enabled"));
        }

        console.Write(table);
        console.WriteLine(Plural.Of(result.Items.Count, "tenant"));
    }
}
