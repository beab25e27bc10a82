using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;

namespace DescopeMgmt.Cli.Commands.AccessKey;

internal static class AccessKeyGetCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The key's name (or, when no key has that name, its ID)." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("get", "Show one access key with all its fields (never its secret: the service shows that only at create and rotate).") { Name };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var key = await AccessKeyLookup.FindAsync(client, name, orId: true, cancellationToken).ConfigureAwait(false) ?? throw AccessKeyLookup.NotFound(context, name);
        context.IO.Result(AccessKeyLookup.View(key), CliJsonContext.Default.JsonObject, DocumentGrid.Render);
        return ExitCodes.Success;
    }
}
