using System.Text.Json.Nodes;
using Spectre.Console;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>One item's document as a two-column grid, field name and value (`tenant get`, `role get`); nested values print as JSON.</summary>
internal static class DocumentGrid
{
    public static void Render(IAnsiConsole console, JsonObject document)
    {
        var grid = new Grid().AddColumn().AddColumn();
        foreach (var (name, value) in document)
        {
            var text = value switch
            {
                null => "",
                JsonValue v => v.ToString(),
                _ => CliJsonContext.Compact(value),
            };
            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(text));
        }

        console.Write(grid);
    }
}
