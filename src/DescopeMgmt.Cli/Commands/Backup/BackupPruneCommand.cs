using System.CommandLine;
using System.CommandLine.Parsing;
using Spectre.Console;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Locking;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupPruneCommand
{
    // A century is longer than any backup can have been kept; beyond it a duration is a typo, and a
    // date that far back does not exist.
    private static readonly TimeSpan LongestAge = TimeSpan.FromDays(36_500);

    private static readonly Option<string> OlderThan = new("--older-than") { Description = "Remove backups older than this (e.g. 30d, 12h).", DefaultValueFactory = _ => "30d" };

    private static readonly Option<int> Keep = new("--keep") { Description = "Always keep this many newest backups, whatever their age.", DefaultValueFactory = _ => 10 };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "List what would be removed and remove nothing." };

    static BackupPruneCommand()
    {
        OlderThan.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && TryParseAge(result.Tokens[^1].Value, out var problem) is null)
            {
                result.AddError(problem!);
            }
        });
        Keep.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && (!int.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var keep) || keep < 0))
            {
                result.AddError($"--keep must be a whole number of backups, 0 or more; '{result.Tokens[^1].Value}' is not.");
            }
        });
    }

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("prune", "Remove old backups of the project, keeping the newest ones (asks first; --yes skips the question).") { OlderThan, Keep, DryRun };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(OlderThan)!, parse.GetValue(Keep), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string olderThan, int keep, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var age = TryParseAge(olderThan, out var problem)
            ?? throw new UserError("invalid_duration", problem!, "Examples: --older-than 30d, --older-than 12h.");
        if (keep < 0)
        {
            throw new UserError("invalid_keep", $"--keep must be 0 or more, not {keep}.", "Example: --keep 10.");
        }

        var projectId = context.ProjectIdIfKnown ?? throw new UserError("no_project", "Prune works on one project; none was chosen.", "Pass --project-id or set DESCOPE_PROJECT_ID.");
        var store = context.BackupStore();
        PruneResult result;
        if (dryRun)
        {
            result = store.PlanPrune(projectId, age, keep);
        }
        else
        {
            var confirmer = new Confirmer(context);
            confirmer.EnsureCanConfirm();

            // The lock of a running change covers its backup until its undo is printed and audited.
            await using var projectLock = await ProjectLock.AcquireAsync(
                context.LockDirectory, projectId, "backup prune", ChangeSessions.LockWait, context.Time, cancellationToken).ConfigureAwait(false);
            var plan = store.PlanPrune(projectId, age, keep);
            if (plan.Removed.Count > 0)
            {
                ShowPlan(context, projectId, plan);
                await confirmer.ConfirmAsync($"Remove {Plural.Of(plan.Removed.Count, "backup")}?", cancellationToken).ConfigureAwait(false);
            }

            result = store.Remove(plan);
        }

        var doc = new PruneDocument(result.Removed.Select(m => m.Id).ToList(), result.Kept.Count, result.DryRun);
        context.IO.Result(doc, CliJsonContext.Default.PruneDocument, (console, d) =>
        {
            foreach (var id in d.Removed)
            {
                console.WriteLine($"{(d.DryRun ? "would remove" : "removed")} {id}");
            }

            console.WriteLine($"{Plural.Of(d.Removed.Count, "backup")} {(d.DryRun ? "would be " : "")}removed, {d.Kept} kept.");
        });
        return ExitCodes.Success;
    }

    private static void ShowPlan(CommandContext context, string projectId, PruneResult plan)
    {
        context.IO.Err.WriteLine($"Backups of project {projectId} to remove ({plan.Kept.Count} kept):");
        foreach (var b in plan.Removed)
        {
            context.IO.Err.WriteLine($"  {b.Id}  {Rendering.TimeText.Utc(b.CreatedAt)}  {b.Host ?? "unknown host"}  {b.Operation}");
        }
    }

    private static TimeSpan? TryParseAge(string text, out string? problem)
    {
        problem = null;
        try
        {
            var age = DurationText.Parse(text, TimeSpan.FromDays(1));
            if (age <= LongestAge)
            {
                return age;
            }
        }
        catch (OverflowException)
        {
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            problem = $"--older-than '{text}' is not a duration: expected a positive number with ms, s, m, h or d, e.g. 30d.";
            return null;
        }

        problem = $"--older-than '{text}' is longer than {LongestAge.TotalDays:0} days; give a shorter age, e.g. 365d.";
        return null;
    }
}
