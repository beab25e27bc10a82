using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using Spectre.Console;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>
/// Terraform-style rendering of one item's change to stderr: <c>+</c> created, <c>~</c> updated with
/// <c>path: old → new</c>, <c>-</c> deleted. Long values are summarised so a screen edit stays readable.
/// </summary>
internal static class DiffPrinter
{
    private const int MaxValueLength = 80;
    private const int MaxLines = 40;

    public static void Print(CliIO io, ResourceKey key, JsonObject? live, JsonObject? desired, IReadOnlyList<PropertyChange> changes)
    {
        if (io.Quiet)
        {
            return;
        }

        foreach (var line in Lines(key, live, desired, changes))
        {
            io.Err.MarkupLine(line);
        }
    }

    /// <summary>Spectre markup lines, so tests can compare the text without colours.</summary>
    internal static IEnumerable<string> Lines(ResourceKey key, JsonObject? live, JsonObject? desired, IReadOnlyList<PropertyChange> changes)
    {
        var name = Markup.Escape($"{ResourceTypeNames.ToWire(key.Type)} \"{key.Id}\"");
        if (live is null && desired is not null)
        {
            yield return $"[green]+ {name}[/] will be created";
            yield break;
        }

        if (desired is null)
        {
            yield return live is null ? $"  {name} is already absent" : $"[red]- {name}[/] will be deleted";
            yield break;
        }

        if (changes.Count == 0)
        {
            yield return $"  {name} is unchanged";
            yield break;
        }

        yield return $"[yellow]~ {name}[/] will be updated ({changes.Count} field(s))";
        foreach (var change in changes.Take(MaxLines))
        {
            yield return PropertyLine(change);
        }

        if (changes.Count > MaxLines)
        {
            yield return $"    ... and {changes.Count - MaxLines} more";
        }
    }

    /// <summary>One field's change as a markup line: <c>+ path: new</c>, <c>- path: old</c> or <c>~ path: old → new</c>.</summary>
    internal static string PropertyLine(PropertyChange change)
    {
        var path = Markup.Escape(change.Path.Length == 0 ? "(document)" : change.Path);
        return change.Kind switch
        {
            ChangeKind.Added => $"    [green]+ {path}[/]: {Markup.Escape(Summarise(change.New))}",
            ChangeKind.Removed => $"    [red]- {path}[/]: {Markup.Escape(Summarise(change.Old))}",
            _ => $"    [yellow]~ {path}[/]: {Markup.Escape(Summarise(change.Old))} → {Markup.Escape(Summarise(change.New))}",
        };
    }

    internal static string Summarise(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case JsonObject obj:
                var text = CliJsonContext.Compact(obj);
                return text.Length <= MaxValueLength ? text : $"{{{obj.Count} field(s), {text.Length / 1024.0:0.#} KB}}";
            case JsonArray array:
                var arrayText = CliJsonContext.Compact(array);
                return arrayText.Length <= MaxValueLength ? arrayText : $"[{array.Count} item(s)]";
            default:
                var scalar = CliJsonContext.Compact(value);
                return scalar.Length <= MaxValueLength ? scalar : scalar[..(MaxValueLength - 20)] + $"…\" ({scalar.Length} chars)";
        }
    }
}
