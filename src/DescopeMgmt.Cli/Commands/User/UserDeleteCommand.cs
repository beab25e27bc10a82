using System.CommandLine;
using System.Text.Json.Nodes;
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
        // The backup names the user by a login ID, whichever ID it was given by: a restore recreates the user under it.
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var found = await ResourceKinds.User.GetAsync(client, loginId, cancellationToken).ConfigureAwait(false);
        var ids = found is null ? [] : LoginIds(found);
        var primary = ids.Count > 0 && !ids.Contains(loginId) ? ids[0] : loginId;
        var key = UserKind.Key(primary);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, current =>
        {
            UserOptions.Require(context, loginId, current);
            context.IO.Warn(ResourceKinds.User.RestoreCaveat!);
            return new SingleItemPlan(null, "delete", (live, ct) => live.DeleteAsync(key, cascade: false, ct));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static List<string> LoginIds(JsonObject user) =>
        (user["loginIds"] as JsonArray ?? []).Select(l => l is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
}
