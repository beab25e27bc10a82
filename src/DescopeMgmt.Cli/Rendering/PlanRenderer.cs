using System.Text;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using Spectre.Console;

namespace DescopeMgmt.Cli.Rendering;

public sealed record PlanPropertyDocument(string Path, string Kind, System.Text.Json.Nodes.JsonNode? Old, System.Text.Json.Nodes.JsonNode? New);

public sealed record PlanChangeDocument(string Type, string Id, string Action, IReadOnlyList<PlanPropertyDocument> Properties)
{
    /// <summary>For a replacement: the changed fields the API cannot update, which force it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReplaceFields { get; init; }

    /// <summary>For a replacement: what it costs besides the fields (<c>new secret</c>), when anything.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ReplaceNote { get; init; }
}

public sealed record PlanSummaryDocument(int Create, int Update, int Delete, int Replace, int Unchanged);

public sealed record PlanDocument(string? ProjectId, string? Environment, IReadOnlyList<PlanChangeDocument> Changes, IReadOnlyList<string> Unmanaged, PlanSummaryDocument Summary, bool HasChanges)
{
    /// <summary>Built-in items of the project (permissions, roles): listed, never changed.</summary>
    public IReadOnlyList<string> BuiltIn { get; init; } = [];

    /// <summary>The target's host (<c>local</c> for an emulator), so a saved or logged plan names where it was made.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("targetHost")]
    public string? Host { get; init; }

    /// <summary>The saved plan's fingerprint, when the plan was saved (<c>--out</c>) or rendered for review.</summary>
    public string? Fingerprint { get; init; }
}

/// <summary>The three forms of a plan: Terraform-like text, JSON for machines, Markdown for a pull-request comment.</summary>
internal static class PlanRenderer
{
    public static PlanDocument ToDocument(Plan plan, string? projectId, string? environment) => new(
        projectId,
        environment,
        plan.Actionable.Select(c => new PlanChangeDocument(ResourceTypeNames.ToWire(c.Key.Type), c.Key.Id, c.Action.ToString().ToLowerInvariant(),
            Fields(c).Select(p => new PlanPropertyDocument(p.Path, p.Kind.ToString().ToLowerInvariant(), p.Old, p.New)).ToList())
        {
            ReplaceFields = Replacing(c)?.Fields,
            ReplaceNote = Replacing(c)?.Note,
        }).ToList(),
        plan.Unmanaged.Select(k => k.ToString()).ToList(),
        new PlanSummaryDocument(plan.Count(ChangeAction.Create), plan.Count(ChangeAction.Update), plan.Count(ChangeAction.Delete), plan.Count(ChangeAction.Replace), plan.Count(ChangeAction.NoChange)),
        !plan.IsEmpty) { BuiltIn = plan.BuiltIn.Select(k => k.ToString()).ToList() };

    /// <summary>Text to stdout: each change with its fields, unmanaged items, and the summary line.</summary>
    public static void WriteText(IAnsiConsole console, Plan plan, DiffVoice voice = DiffVoice.Change)
    {
        foreach (var change in plan.Actionable)
        {
            foreach (var line in DiffPrinter.Lines(change.Key, change.Live, change.Action == ChangeAction.Delete ? null : change.Desired, change.Properties, voice, Replacing(change)))
            {
                console.MarkupLine(line);
            }

            console.WriteLine();
        }

        if (plan.Unmanaged.Count > 0)
        {
            console.MarkupLine($"[grey]Unmanaged (live only, never touched): {Markup.Escape(string.Join(", ", plan.Unmanaged))}[/]");
        }

        if (plan.BuiltIn.Count > 0)
        {
            console.MarkupLine($"[grey]Built-in (part of every project, never changed): {Markup.Escape(string.Join(", ", plan.BuiltIn))}[/]");
        }

        console.MarkupLine(plan.IsEmpty ? "[green]No changes. Live matches the workspace.[/]" : $"[bold]{Markup.Escape(Summary(plan, voice))}[/]");
    }

    /// <summary>The last line: what apply would do, or for drift, how far live has drifted and what apply would do about it.</summary>
    public static string Summary(Plan plan, DiffVoice voice = DiffVoice.Change)
    {
        if (plan.IsEmpty || voice != DiffVoice.Drift)
        {
            return plan.Summary;
        }

        var count = plan.Actionable.Count;
        return $"Drift: {Plural.Of(count, "item")} {(count == 1 ? "differs" : "differ")} from the workspace " +
            $"(apply would make {plan.Counts}).";
    }

    /// <summary>
    /// A pull-request comment. It carries the plan's fingerprint, so the apply after merge can be matched
    /// to the plan that was reviewed (<c>apply PLANFILE</c> refuses any other).
    /// </summary>
    public static string Markdown(Plan plan, string title, string target, string? fingerprint, DiffVoice voice = DiffVoice.Change)
    {
        var md = new StringBuilder();
        md.Append("### ").Append(title).Append(": ").Append(target).Append("\n\n");
        if (fingerprint is not null)
        {
            md.Append("Plan fingerprint: `").Append(fingerprint).Append("`\n\n");
        }

        if (plan.IsEmpty)
        {
            return md.Append("No changes. Live matches the workspace.\n").ToString();
        }

        // Drift reports a finding: the column says what apply would do about it, not what is about to happen.
        md.Append(voice == DiffVoice.Drift ? "| Apply would | Item | Fields |\n|---|---|---|\n" : "| Action | Item | Fields |\n|---|---|---|\n");
        foreach (var change in plan.Actionable)
        {
            md.Append("| ").Append(Replacing(change)?.Action ?? change.Action.ToString().ToLowerInvariant()).Append(" | `").Append(change.Key).Append("` | ")
                .Append(Fields(change).Count).Append(" |\n");
        }

        md.Append("\n<details><summary>Field changes</summary>\n\n```diff\n");
        foreach (var change in plan.Actionable)
        {
            var replace = Replacing(change);
            md.Append(change.Action switch { ChangeAction.Create => "+ ", ChangeAction.Delete => "- ", ChangeAction.Replace => "-/+ ", _ => "! " }).Append(change.Key)
                .Append(replace is null ? "" : $"  # {replace.Action}: {replace.Why}").Append('\n');
            if (change.Action == ChangeAction.Delete && Core.Kinds.ResourceKinds.Of(change.Key).DeleteConsequence(change.Key.Id) is { } consequence)
            {
                md.Append("!   ").Append(consequence).Append('\n');
            }

            foreach (var p in Fields(change).Take(50))
            {
                md.Append(p.Kind switch { ChangeKind.Added => "+   ", ChangeKind.Removed => "-   ", _ => "!   " }).Append(p.Path).Append(": ").Append(p.Kind switch
                {
                    ChangeKind.Added => DiffPrinter.Summarise(p.New),
                    ChangeKind.Removed => DiffPrinter.Summarise(p.Old),
                    _ => $"{DiffPrinter.Summarise(p.Old)} -> {DiffPrinter.Summarise(p.New)}",
                }).Append(replace is not null && replace.Fields.Contains(p.Path, StringComparer.Ordinal) ? "  # forces replacement" : "").Append('\n');
            }
        }

        md.Append("```\n\n</details>\n\n").Append(Summary(plan, voice)).Append('\n');
        if (plan.Unmanaged.Count > 0)
        {
            md.Append("\nUnmanaged (never touched): ").Append(string.Join(", ", plan.Unmanaged.Select(k => $"`{k}`"))).Append('\n');
        }

        if (plan.BuiltIn.Count > 0)
        {
            md.Append("\nBuilt-in (never changed): ").Append(string.Join(", ", plan.BuiltIn.Select(k => $"`{k}`"))).Append('\n');
        }

        return md.ToString();
    }

    /// <summary>The replacement a change is, or null for any other action.</summary>
    private static Replacement? Replacing(ResourceChange change) =>
        change.Action == ChangeAction.Replace ? new Replacement(change.ReplaceFields, Core.Kinds.ResourceKinds.Of(change.Key).ReplaceNote) : null;

    /// <summary>The fields a change shows: every attribute of an item created or deleted, the changed ones of an update.</summary>
    private static IReadOnlyList<PropertyChange> Fields(ResourceChange change) => change.Action switch
    {
        ChangeAction.Create when change.Desired is { } desired => desired.Where(p => p.Value is not null)
            .Select(p => new PropertyChange(JsonDiff.Child("", p.Key), ChangeKind.Added, null, p.Value)).ToList(),
        ChangeAction.Delete when change.Live is { } live => live.Where(p => p.Value is not null)
            .Select(p => new PropertyChange(JsonDiff.Child("", p.Key), ChangeKind.Removed, p.Value, null)).ToList(),
        _ => change.Properties,
    };
}
