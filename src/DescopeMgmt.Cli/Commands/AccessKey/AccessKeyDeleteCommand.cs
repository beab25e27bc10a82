using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Kinds;

namespace DescopeMgmt.Cli.Commands.AccessKey;

internal static class AccessKeyDeleteCommand
{
    private const string Operation = "access-key delete";

    private static readonly Argument<string> Name = NameArgument.Create("The key to delete.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be deleted and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("delete",
            "Delete an access key after backing it up: it stops working at once. Restoring the backup brings the key back with a new ID and a new secret, never the old one.")
        {
            Name, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = AccessKeyLookup.Key(name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            _ = found ?? throw AccessKeyLookup.NotFound(context, name);
            return new SingleItemPlan(null, "delete", (live, ct) => live.DeleteAsync(key, cascade: false, ct))
            {
                Warning = $"Everything using its secret stops working; {ResourceKinds.AccessKey.RestoreCaveat}. The undo (backup restore --secrets-out FILE) creates it with a new ID and secret, written to FILE.",
            };
        }, cancellationToken).ConfigureAwait(false);
    }
}
