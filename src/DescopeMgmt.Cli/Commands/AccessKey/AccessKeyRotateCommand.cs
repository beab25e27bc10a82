using System.CommandLine;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;

namespace DescopeMgmt.Cli.Commands.AccessKey;

internal static class AccessKeyRotateCommand
{
    private const string Operation = "access-key rotate";

    private static readonly Argument<string> Name = NameArgument.Create("The key to give a new secret.");

    private static readonly Option<string?> SecretsOut = AccessKeySecretsOut.Create("rotation");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what the rotation would do and send nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("rotate",
            "Give an access key a new secret: the old one stops working at once, and this cannot be undone. The new secret goes to --secrets-out FILE (created 0600), or is shown once on a terminal; without either the rotation is refused before anything is sent.")
        {
            Name, SecretsOut, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), parse.GetValue(SecretsOut), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, string? secretsOut, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var secrets = CreatedSecrets.For(context, secretsOut);
        // Before anything is read or sent: rotating with nowhere to put the new secret would leave the key with none anyone knows.
        AccessKeySecretsOut.Require(context, secrets, secretsOut, dryRun, CreatedSecrets.SecretsOutHint($"access-key rotate {UndoCommands.Quote(name)}"),
            $"rotates access key '{WireIds.Printable(name)}'");

        var key = AccessKeyLookup.Key(name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, async (found, client, ct) =>
        {
            var current = found ?? throw AccessKeyLookup.NotFound(context, name);
            var live = await AccessKeyLookup.RequireAsync(context, client, name, ct).ConfigureAwait(false);
            // The service's answer to rotate is the only place the new secret ever appears; the old one is void from then on.
            return new SingleItemPlan(current, "rotate", async (_, writeCt) =>
            {
                var rotated = await client.AccessKeys.RotateAsync(live.Id, writeCt).ConfigureAwait(false);
                secrets.Keep(rotated, rotated: true);
            })
            {
                Unseen = $"a new secret for {live.Id}; the current one stops working at once",
                Warning = "Its current secret stops working at once, and a rotation cannot be undone: everything using the key needs the new secret.",
                Undo = _ => null,
            };
        }, cancellationToken).ConfigureAwait(false);
    }
}
