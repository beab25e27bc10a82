using System.CommandLine;
using Spectre.Console;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupVerifyCommand
{
    private static readonly Argument<string?> Reference = new("ref") { Description = "The backup to verify.", Arity = ArgumentArity.ZeroOrOne };

    private static readonly Option<bool> All = new("--all") { Description = "Verify every backup of the project." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("verify", "Check that backups are whole: manifest readable, every item present and matching its checksum.") { Reference, All };
        runner.SetAction(command, (parse, context, _) => Task.FromResult(Run(parse.GetValue(Reference), parse.GetValue(All), context)));
        return command;
    }

    internal static int Run(string? reference, bool all, CommandContext context)
    {
        if (all == (reference is not null))
        {
            throw new UserError("invalid_arguments", "Give either a backup REF or --all.", "Example: descope-mgmt backup verify latest");
        }

        var store = context.BackupStore();
        // --all also checks folders whose manifest cannot be read, which `backup list` leaves out.
        var checks = all ? store.VerifyAll(context.ProjectIdIfKnown) : [store.Verify(store.Resolve(reference!, context.ProjectIdIfKnown))];
        var results = checks
            .Select(c => new VerifyItem(c.BackupId, c.IsValid, c.AllProblems()))
            .ToList();

        context.IO.Result(new ItemsDocument<VerifyItem>(results), CliJsonContext.Default.ItemsDocumentVerifyItem, (console, doc) =>
        {
            foreach (var r in doc.Items)
            {
                console.WriteLine(r.Ok ? $"OK       {r.Id}" : $"DAMAGED  {r.Id}: {string.Join("; ", r.Problems)}");
            }
        });
        return results.All(r => r.Ok) ? ExitCodes.Success : ExitCodes.Error;
    }
}
