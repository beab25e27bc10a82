using System.CommandLine;
using System.Globalization;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Audit;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Audit;

internal static class AuditListCommand
{
    private static readonly Option<string?> Operation = new("--operation") { Description = "Only this operation (prefix, e.g. 'flow rollback')." };

    private static readonly Option<string?> Target = new("--target") { Description = "Only entries touching this item (e.g. flow:sign-in or an ID)." };

    private static readonly Option<string?> Since = new("--since") { Description = "From this UTC time (2025-01-15 or 2025-01-15T10:30:00)." };

    private static readonly Option<string?> Until = new("--until") { Description = "Up to this UTC time." };

    private static readonly Option<bool> Failed = new("--failed") { Description = "Only failed, partial or interrupted changes, each with its error." };

    private static readonly Option<int?> Limit = CreateLimit();

    private static Option<int?> CreateLimit()
    {
        var option = new Option<int?>("--limit") { Description = "Only the newest N entries (after the other filters)." };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--limit must be 1 or more.");
            }
        });
        return option;
    }

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List audit entries, newest first.") { Operation, Target, Since, Until, Failed, Limit };
        runner.SetAction(command, (parse, context, ct) => Task.FromResult(Run(Query(parse), context)));
        return command;
    }

    internal static AuditQuery Query(ParseResult parse) => new(
        parse.GetValue(Operation), parse.GetValue(Target), Time(parse.GetValue(Since), "--since"), Time(parse.GetValue(Until), "--until"), parse.GetValue(Failed), parse.GetValue(Limit));

    internal static int Run(AuditQuery query, CommandContext context)
    {
        var result = ReadWithWarnings(query, context);
        context.IO.Result(new ItemsDocument<AuditEntry>(result), CliJsonContext.Default.ItemsDocumentAuditEntry, (console, doc) =>
        {
            if (doc.Items.Count == 0)
            {
                console.WriteLine("No audit entries.");
                return;
            }

            // With --failed the question is "what went wrong", so each entry's error is part of the answer.
            string[] columns = ["Time (UTC)", "User", "Project", "Host", "Operation", "Targets", "Outcome", "Backup"];
            var table = Tables.Create(query.FailedOnly ? [.. columns, "Error"] : columns);
            foreach (var e in doc.Items)
            {
                var cells = new List<Spectre.Console.Rendering.IRenderable>
                {
                    Tables.Cell(Rendering.TimeText.Utc(e.Time)), Tables.Cell(e.User),
                    Tables.Cell(e.Environment is null ? e.ProjectId : $"{e.ProjectId} ({e.Environment})"), Tables.Cell(e.TargetHost ?? "?"), Tables.Cell(e.Operation),
                    Tables.Cell(string.Join(", ", e.Targets.Take(3)) + (e.Targets.Count > 3 ? $" +{e.Targets.Count - 3}" : "")),
                    Tables.Cell(e.Outcome), Tables.Cell(string.Join(", ", e.BackupIds)),
                };
                if (query.FailedOnly)
                {
                    cells.Add(Tables.Cell(e.Error ?? FirstItemError(e) ?? "(no error recorded)"));
                }

                table.AddRow(cells);
            }

            console.Write(table);
        });

        // A change whose end was never recorded (killed, or its machine lost) may be half-applied: say how to undo it.
        foreach (var unfinished in result.Where(e => e.Outcome == AuditOutcome.Unknown && e.BackupIds.Count > 0).Take(3))
        {
            context.IO.Warn($"{unfinished.Operation} of {Rendering.TimeText.Utc(unfinished.Time)} never recorded its end; " +
                $"it may be half-applied. Check with `descope-mgmt plan`, or undo it with `descope-mgmt backup restore {UndoCommands.Quote(unfinished.BackupIds[0])}{TargetFlags(unfinished)}`.");
        }

        return ExitCodes.Success;
    }

    private static string? FirstItemError(AuditEntry entry) => entry.Items?.FirstOrDefault(i => i.Error is not null) is { } item ? $"{item.Target}: {item.Error}" : null;

    private static string TargetFlags(AuditEntry entry) =>
        (entry.Environment is { } environment ? $" --env {UndoCommands.Quote(environment)}" : $" --project-id {UndoCommands.Quote(entry.ProjectId ?? "")}")
        + (entry.TargetHost == Core.Backups.BackupHost.Local ? " --local" : "");

    internal static IReadOnlyList<AuditEntry> ReadWithWarnings(AuditQuery query, CommandContext context)
    {
        var result = context.AuditLog().Read(query);
        foreach (var warning in result.Warnings)
        {
            context.IO.Warn(warning);
        }

        return result.Entries;
    }

    private static DateTimeOffset? Time(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new UserError("invalid_time", $"{option} '{text}' is not a date or time.", "Use e.g. 2025-01-15 or 2025-01-15T10:30:00.");
    }
}
