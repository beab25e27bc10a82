using Spectre.Console;
using Spectre.Console.Rendering;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>The one table style of the CLI; cells are plain text, never markup, so IDs with brackets print as-is.</summary>
internal static class Tables
{
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    public static IRenderable Cell(string? text) => new Text(text ?? "");
}
