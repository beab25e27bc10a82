using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using Spectre.Console;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>
/// Who is speaking about a difference: a change about to be made ("will be created"), drift found between
/// live and the workspace (nothing will happen), or pull comparing a kept file with live.
/// </summary>
internal enum DiffVoice
{
    Change,
    Drift,
    Pull,
}

/// <summary>A replacement (Terraform's <c>-/+</c>): the changed fields that force it, and what it costs (<c>new secret</c>).</summary>
internal sealed record Replacement(IReadOnlyList<string> Fields, string? Note)
{
    /// <summary>The replacement a kind makes of a change of <paramref name="fields"/>, or null when they force none.</summary>
    public static Replacement? Of(ResourceKey key, IReadOnlyList<string> fields) =>
        fields.Count == 0 ? null : new Replacement(fields, Core.Kinds.ResourceKinds.Of(key).ReplaceNote);

    /// <summary>"replace (new secret)": the word for the action with its cost.</summary>
    public string Action => Note is null ? "replace" : $"replace ({Note})";

    /// <summary>"expireTime and userId cannot be updated": why it is a replacement.</summary>
    public string Why => $"{(Fields.Count == 0 ? "a changed field" : string.Join(" and ", Fields))} cannot be updated";
}

/// <summary>
/// Terraform-style rendering of one item's difference: <c>+</c> created, with every attribute it gets;
/// <c>~</c> updated, with <c>path: old → new</c>; <c>-</c> deleted, with the attributes it loses. Long
/// values are summarised so a screen edit stays readable.
/// </summary>
internal static class DiffPrinter
{
    private const int MaxValueLength = 80;
    private const int MaxLines = 40;

    public static void Print(CliIO io, ResourceKey key, JsonObject? live, JsonObject? desired, IReadOnlyList<PropertyChange> changes, DiffVoice voice = DiffVoice.Change, Replacement? replace = null)
    {
        if (io.Quiet)
        {
            return;
        }

        foreach (var line in Lines(key, live, desired, changes, voice, replace))
        {
            io.Err.MarkupLine(line);
        }
    }

    /// <summary>Spectre markup lines, so tests can compare the text without colours.</summary>
    /// <param name="replace">Set when the change is a replacement: the item is deleted and created anew, the fields that force it marked.</param>
    internal static IEnumerable<string> Lines(ResourceKey key, JsonObject? live, JsonObject? desired, IReadOnlyList<PropertyChange> changes, DiffVoice voice = DiffVoice.Change, Replacement? replace = null)
    {
        var name = Markup.Escape($"{ResourceTypeNames.ToWire(key.Type)} \"{key.Id}\"");
        if (live is null && desired is not null)
        {
            yield return $"[green]+ {name}[/] " + voice switch
            {
                DiffVoice.Drift => "is in the workspace but not live",
                DiffVoice.Pull => "is live but not in the file",
                _ => "will be created",
            };
            foreach (var line in Attributes(desired, "green", "+"))
            {
                yield return line;
            }

            yield break;
        }

        if (desired is null)
        {
            if (live is null)
            {
                yield return $"  {name} is already absent";
                yield break;
            }

            yield return $"[red]- {name}[/] " + voice switch
            {
                DiffVoice.Drift => "is live but not in the workspace",
                DiffVoice.Pull => "is in the file but not live",
                _ => "will be deleted",
            };
            if (voice == DiffVoice.Change && Core.Kinds.ResourceKinds.Of(key).DeleteConsequence(key.Id) is { } consequence)
            {
                yield return $"  [red]! {Markup.Escape(consequence)}[/]";
            }

            foreach (var line in Attributes(live, "red", "-"))
            {
                yield return line;
            }

            yield break;
        }

        if (changes.Count == 0)
        {
            yield return $"  {name} is unchanged";
            yield break;
        }

        var fields = Plural.Of(changes.Count, "field");
        if (replace is not null)
        {
            var forcing = Markup.Escape(replace.Why);
            yield return $"[yellow]-/+ {name}[/] " + voice switch
            {
                DiffVoice.Drift => $"differs from the workspace ({fields}: live → workspace); apply would {Markup.Escape(replace.Action)}: {forcing}",
                _ => $"will be replaced{(replace.Note is null ? "" : $" ({Markup.Escape(replace.Note)})")}: {forcing}, so it is deleted and created anew ({fields})",
            };
            foreach (var change in changes.Take(MaxLines))
            {
                yield return PropertyLine(change) + (replace.Fields.Contains(change.Path, StringComparer.Ordinal) ? " [grey]# forces replacement[/]" : "");
            }

            if (changes.Count > MaxLines)
            {
                yield return $"    ... and {changes.Count - MaxLines} more";
            }

            yield break;
        }

        yield return $"[yellow]~ {name}[/] " + voice switch
        {
            DiffVoice.Drift => $"differs from the workspace ({fields}: live → workspace)",
            DiffVoice.Pull => $"differs live ({fields}: file → live)",
            _ => $"will be updated ({fields})",
        };
        foreach (var change in changes.Take(MaxLines))
        {
            yield return PropertyLine(change);
        }

        if (changes.Count > MaxLines)
        {
            yield return $"    ... and {changes.Count - MaxLines} more";
        }
    }

    /// <summary>Every top-level attribute of an item created or deleted, as Terraform lists them.</summary>
    private static IEnumerable<string> Attributes(JsonObject document, string color, string sign)
    {
        var shown = 0;
        foreach (var (field, value) in document)
        {
            if (value is null)
            {
                continue;
            }

            if (++shown > MaxLines)
            {
                yield return $"    ... and {document.Count - MaxLines} more";
                yield break;
            }

            yield return $"    [{color}]{sign} {Markup.Escape(JsonDiff.Child("", field))}[/]: {Markup.Escape(Summarise(value))}";
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
                return text.Length <= MaxValueLength ? text : $"{{{Plural.Of(obj.Count, "field")}, {text.Length / 1024.0:0.#} KB}}";
            case JsonArray array:
                var arrayText = CliJsonContext.Compact(array);
                return arrayText.Length <= MaxValueLength ? arrayText : $"[{Plural.Of(array.Count, "item")}]";
            default:
                var scalar = CliJsonContext.Compact(value);
                return scalar.Length <= MaxValueLength ? scalar : scalar[..(MaxValueLength - 20)] + $"…\" ({scalar.Length} chars)";
        }
    }
}
