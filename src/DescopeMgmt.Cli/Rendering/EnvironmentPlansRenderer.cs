using System.Text;
using DescopeMgmt.Cli.App;
using Spectre.Console;

namespace DescopeMgmt.Cli.Rendering;

public sealed record EnvironmentPlanDocument(string Environment, string? ProjectId, [property: System.Text.Json.Serialization.JsonPropertyName("targetHost")] string? Host, string Status, PlanDocument? Plan, ErrorBody? Error);

public sealed record EnvironmentsSummaryDocument(int Environments, int Differ, int Match, int Failed, string Text);

/// <summary><c>--all-envs --output json</c>: one document, one entry per environment, and the summary.</summary>
public sealed record EnvironmentsPlanDocument(IReadOnlyList<EnvironmentPlanDocument> Environments, EnvironmentsSummaryDocument Summary);

/// <summary>The forms of an <c>--all-envs</c> result: a section per environment (its Target, then its plan or its error) and one summary line.</summary>
internal static class EnvironmentPlansRenderer
{
    public static EnvironmentsPlanDocument ToDocument(IReadOnlyList<EnvironmentPlan> results) => new(
        results.Select(r => new EnvironmentPlanDocument(r.Environment, r.Target?.ProjectId, r.Target is null ? null : EnvironmentPlans.HostOf(r.Target), r.Status,
            r.Run is null ? null : PlanRenderer.ToDocument(r.Run.Plan, r.Target!.ProjectId, r.Environment) with { Host = EnvironmentPlans.HostOf(r.Target) },
            r.Error)).ToList(),
        new EnvironmentsSummaryDocument(results.Count, results.Count(r => r.Differs), results.Count(r => r.Status == "matches"), results.Count(r => r.Failed),
            EnvironmentPlans.Summary(results)));

    public static void WriteText(IAnsiConsole console, IReadOnlyList<EnvironmentPlan> results, DiffVoice voice)
    {
        foreach (var result in results)
        {
            console.MarkupLine($"[bold]== {Markup.Escape(result.Environment)} ==[/]");
            console.WriteLine(result.Target is null ? $"Target: environment '{result.Environment}' (not resolved)" : TargetText.Line(result.Target));
            if (result.Error is { } error)
            {
                console.MarkupLine($"[red]Error:[/] {Markup.Escape(error.Message)}");
                if (!string.IsNullOrWhiteSpace(error.Hint))
                {
                    console.MarkupLine($"[grey]Hint:[/] {Markup.Escape(error.Hint)}");
                }
            }
            else
            {
                PlanRenderer.WriteText(console, result.Run!.Plan, voice);
            }

            console.WriteLine();
        }

        console.MarkupLine($"[bold]{Markup.Escape(EnvironmentPlans.Summary(results))}[/]");
    }

    public static string Markdown(IReadOnlyList<EnvironmentPlan> results, string title, DiffVoice voice, DateTimeOffset now)
    {
        var md = new StringBuilder();
        foreach (var result in results)
        {
            if (result.Run is { } run && result.Target is { } target)
            {
                md.Append(PlanRenderer.Markdown(run.Plan, title, TargetText.Describe(target), run.Save(target, now).Fingerprint, voice));
            }
            else
            {
                md.Append("### ").Append(title).Append(": environment '").Append(result.Environment).Append("'\n\n")
                    .Append("**Failed:** ").Append(result.Error?.Message).Append('\n');
                if (result.Error?.Hint is { } hint)
                {
                    md.Append("\nHint: ").Append(hint).Append('\n');
                }
            }

            md.Append('\n');
        }

        return md.Append("**").Append(EnvironmentPlans.Summary(results)).Append("**\n").ToString();
    }
}
