using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Kinds;

namespace DescopeMgmt.Cli.Commands.User;

internal static class UserGetCommand
{
    private static readonly Argument<string> LoginId = UserOptions.LoginId("The user: one of its login IDs, or its user ID.");

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("get", "Show one user: login IDs, names, contact, status, roles and tenants, creation date.") { LoginId };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(LoginId), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string loginId, CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var user = await ResourceKinds.User.GetAsync(client, loginId, cancellationToken).ConfigureAwait(false) ?? throw UserOptions.NotFound(context, loginId);
        context.IO.Result(UserOptions.View(user), CliJsonContext.Default.JsonObject, DocumentGrid.Render);
        return ExitCodes.Success;
    }
}
