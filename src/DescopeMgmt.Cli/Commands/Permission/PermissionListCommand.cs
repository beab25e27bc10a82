using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.Permissions;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Permission;

internal static class PermissionListCommand
{
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List the project's permissions, built-ins marked (one load-all call).");
        runner.SetAction(command, (_, context, ct) => RunAsync(context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var permissions = await client.Permissions.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        var items = permissions
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(PermissionDocuments.ToDocument)
            .Select(d => new PermissionListItem(d["name"]!.GetValue<string>(), d["description"]!.GetValue<string>(), ResourceKinds.Permission.IsBuiltIn(d)))
            .ToList();
        context.IO.Result(new ItemsDocument<PermissionListItem>(items), CliJsonContext.Default.ItemsDocumentPermissionListItem, Render);
        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, ItemsDocument<PermissionListItem> result)
    {
        if (result.Items.Count == 0)
        {
            console.WriteLine("No permissions in this project.");
            return;
        }

        var table = Tables.Create("Name", "Description", "Built-in");
        foreach (var p in result.Items)
        {
            table.AddRow(Tables.Cell(p.Name), Tables.Cell(p.Description), Tables.Cell(p.BuiltIn ? "built-in" : ""));
        }

        console.Write(table);
        console.WriteLine(Plural.Of(result.Items.Count, "permission"));
    }
}
