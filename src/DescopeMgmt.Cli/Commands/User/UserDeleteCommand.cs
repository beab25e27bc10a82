using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.Users;

namespace DescopeMgmt.Cli.Commands.User;

internal static class UserDeleteCommand
{
    private const string Operation = "user delete";

    private static readonly Argument<string> LoginId = UserOptions.LoginId("The user to delete: one of its login IDs, or its user ID.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be deleted and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("delete",
            "Delete a user, after backing up its record. Restoring the backup recreates the record, not the password, sessions or MFA devices.")
        {
            LoginId, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(LoginId), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string loginId, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = UserKind.Key(loginId);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            UserOptions.Require(context, loginId, found);
            context.IO.Warn(ResourceKinds.User.RestoreCaveat!);
            return new SingleItemPlan(null, "delete", (live, ct) => live.DeleteAsync(key, cascade: false, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
