using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Kinds.Users;

namespace DescopeMgmt.Cli.Commands.User;

/// <summary>`user enable` and `user disable`: one status change through the status endpoint.</summary>
internal static class UserStatusCommand
{
    public static Command Build(CommandRunner runner, bool enable)
    {
        var verb = enable ? "enable" : "disable";
        var loginId = UserOptions.LoginId($"The user to {verb}: one of its login IDs, or its user ID.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the change and make none." };
        var command = new Command(verb, enable
            ? "Enable a disabled (or invited) user so it can sign in again."
            : "Disable a user: it can no longer sign in; its record, roles and tenants stay (undo with user enable or the restore it prints).")
        {
            loginId, dryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(loginId), enable, parse.GetValue(dryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string loginId, bool enable, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = UserKind.Key(loginId);
        var status = enable ? "enabled" : "disabled";
        return await SingleItemChange.RunAsync(context, key, $"user {(enable ? "enable" : "disable")}", dryRun, (found, client, _) =>
        {
            var desired = (JsonObject)UserOptions.Require(context, loginId, found).DeepClone();
            desired["status"] = status;
            return Task.FromResult(new SingleItemPlan(desired, enable ? "enable" : "disable",
                (_, ct) => enable ? client.Users.EnableAsync(loginId, ct) : client.Users.DisableAsync(loginId, ct)));
        }, cancellationToken).ConfigureAwait(false);
    }
}
