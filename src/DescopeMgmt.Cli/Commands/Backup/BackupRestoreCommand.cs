using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Kinds;

namespace DescopeMgmt.Cli.Commands.Backup;

internal static class BackupRestoreCommand
{
    private static readonly Argument<string> Reference = new("ref") { Description = "Backup: ID, its unique prefix or random suffix, timestamp, folder, manifest.json, or 'latest'." };

    private static readonly Option<string?> Only = OnlyOption.Create(ResourceKinds.Backed);

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the diff live → backup and change nothing." };

    private static readonly Option<string?> SecretsOut = new("--secrets-out")
    {
        Description = "Write the new cleartext of each access key the restore creates (a deleted key comes back with a new secret) to FILE (created readable by you alone; never over an existing file).",
        HelpName = "FILE",
    };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("restore", "Restore every item of a backup (or --only some types), after backing up what it overwrites.") { Reference, Only, DryRun, SecretsOut };
        runner.SetAction(command, (parse, context, ct) => RestoreWorkflow.RunAsync(context,
            new RestoreSpec("backup restore", parse.GetRequiredValue(Reference), OnlyOption.Parse(parse.GetValue(Only), ResourceKinds.Backed), null, parse.GetValue(DryRun), AllowFlowFile: false,
                parse.GetValue(SecretsOut)), ct));
        return command;
    }
}
