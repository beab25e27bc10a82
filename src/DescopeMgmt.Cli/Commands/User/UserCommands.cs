using System.CommandLine;
using DescopeMgmt.Cli.App;

namespace DescopeMgmt.Cli.Commands.User;

/// <summary>
/// The `user` group: users are runtime data, not desired state, so they are changed one at a time (each change backed
/// up first, audited, and printed with its undo), never planned from the workspace.
/// </summary>
internal static class UserCommands
{
    public static Command Build(CommandRunner runner) =>
        new("user", "Users (runtime data, changed one at a time with a backup first): list, get, invite, update, enable, disable, delete, role.")
        {
            UserListCommand.Build(runner),
            UserGetCommand.Build(runner),
            UserInviteCommand.Build(runner),
            UserUpdateCommand.Build(runner),
            UserStatusCommand.Build(runner, enable: true),
            UserStatusCommand.Build(runner, enable: false),
            UserDeleteCommand.Build(runner),
            UserRoleCommand.Build(runner),
        };
}
