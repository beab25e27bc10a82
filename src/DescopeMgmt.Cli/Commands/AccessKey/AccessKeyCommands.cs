using System.CommandLine;
using DescopeMgmt.Cli.App;

namespace DescopeMgmt.Cli.Commands.AccessKey;

/// <summary>
/// The `access-key` group: one key at a time, each change backed up first, audited and printed with its undo. A
/// key's cleartext exists only in the answers of create and rotate, and goes only to the --secrets-out file or,
/// once, to the terminal.
/// </summary>
internal static class AccessKeyCommands
{
    public static Command Build(CommandRunner runner) =>
        new("access-key", "Access keys, one at a time (the cleartext only from create and rotate, to --secrets-out FILE): list, get, create, update, rotate, activate, deactivate, delete.")
        {
            AccessKeyListCommand.Build(runner),
            AccessKeyGetCommand.Build(runner),
            AccessKeyCreateCommand.Build(runner),
            AccessKeyUpdateCommand.Build(runner),
            AccessKeyRotateCommand.Build(runner),
            AccessKeyStatusCommand.Build(runner, activate: true),
            AccessKeyStatusCommand.Build(runner, activate: false),
            AccessKeyDeleteCommand.Build(runner),
        };
}
