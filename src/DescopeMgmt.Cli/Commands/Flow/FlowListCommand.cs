using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Flow;

internal static class FlowListCommand
{
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List the project's flows (ID, name, state).");
        runner.SetAction(command, (_, context, ct) => RunAsync(context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var flows = await client.Flows.ListAsync(cancellationToken).ConfigureAwait(false);
        var items = flows
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => new FlowListItem(f.Id, f.Name, f.Description, f.Disabled))
            .ToList();
        context.IO.Result(new ItemsDocument<FlowListItem>(items), CliJsonContext.Default.ItemsDocumentFlowListItem, Render);
        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, ItemsDocument<FlowListItem> result)
    {
        if (result.Items.Count == 0)
        {
            console.WriteLine("No flows in this project.");
            return;
        }

        var table = Tables.Create("ID", "Name", "State", "Description");
        foreach (var flow in result.Items)
        {
            table.AddRow(Tables.Cell(flow.Id), Tables.Cell(flow.Name), Tables.Cell(flow.Disabled ? "disabled" : "enabled"), Tables.Cell(flow.Description));
        }

        console.Write(table);
        console.WriteLine(Plural.Of(result.Items.Count, "flow"));
    }
}
