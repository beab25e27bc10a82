using System.CommandLine;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.AccessKeys;

namespace DescopeMgmt.Cli.Commands.AccessKey;

internal static class AccessKeyCreateCommand
{
    private const string Operation = "access-key create";

    private static readonly Argument<string> Name = NameArgument.Create("Name of the new key (unique in the project: the tool names keys by it).");

    private static readonly Option<string?> SecretsOut = AccessKeySecretsOut.Create("create");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the key that would be created and send nothing." };

    public static Command Build(CommandRunner runner)
    {
        var fields = new AccessKeyFieldOptions();
        var command = new Command("create",
            "Create an access key. Its secret (cleartext) exists only in this answer: it goes to --secrets-out FILE (created 0600), or is shown once on a terminal; without either the create is refused before anything is sent.")
        {
            Name, SecretsOut, DryRun,
        };
        foreach (var option in fields.All)
        {
            command.Add(option);
        }

        runner.SetAction(command, (parse, context, ct) =>
            RunAsync(parse.GetRequiredValue(Name), fields.Read(parse), parse.GetValue(SecretsOut), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, AccessKeyFieldOptions.Values values, string? secretsOut, bool dryRun, CommandContext context,
        CancellationToken cancellationToken)
    {
        var desired = AccessKeyFieldOptions.NewKey(name, values, context.Time);
        var secrets = CreatedSecrets.For(context, secretsOut);
        AccessKeySecretsOut.Require(context, secrets, secretsOut, dryRun, CreatedSecrets.SecretsOutHint($"access-key create {UndoCommands.Quote(name)}"), effect: null);

        var key = AccessKeyLookup.Key(name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, (existing, client, _) =>
        {
            if (existing is not null)
            {
                throw new UserError("access_key_exists", $"An access key named '{WireIds.Printable(name)}' already exists in {context.Target.Describe()}; nothing was sent.",
                    $"Change it with `descope-mgmt access-key update {UndoCommands.Quote(name)}`, give it a new secret with `descope-mgmt access-key rotate {UndoCommands.Quote(name)}`, or pick another name.");
            }

            return Task.FromResult(new SingleItemPlan(desired, "create", async (_, ct) =>
            {
                var created = await client.AccessKeys.CreateAsync(AccessKeyDocuments.ToWrite(name, desired), ct).ConfigureAwait(false);
                secrets.Keep(created, rotated: false);
            })
            {
                Undo = _ => UndoCommands.ForCommand(context, $"descope-mgmt access-key delete {UndoCommands.Quote(name)}"),
            });
        }, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The --secrets-out flag of create and rotate, and the line saying where the secret went.</summary>
internal static class AccessKeySecretsOut
{
    public static Option<string?> Create(string verb) => new("--secrets-out")
    {
        Description = $"Write the secret the {verb} answers to this file, created readable by you alone (it must not exist). Without it the secret is shown once on a terminal; with no terminal the command is refused.",
        HelpName = "FILE",
    };

    /// <summary>
    /// Refuses, before anything is read or sent, a command whose new secret would have nowhere to go (no file, no
    /// terminal, or a file that exists). A dry run sends nothing, so it only says where the secret would go, or that
    /// the real run would be refused.
    /// </summary>
    public static void Require(CommandContext context, CreatedSecrets secrets, string? secretsOut, bool dryRun, string hint, string? effect)
    {
        if (!dryRun)
        {
            secrets.Require(1, hint, effect);
            return;
        }

        try
        {
            secrets.Require(1, hint, effect);
        }
        catch (UserError refused)
        {
            context.IO.Warn($"Without --dry-run this would be refused: {refused.Message} {refused.Hint}");
            return;
        }

        context.IO.Info(secretsOut is null
            ? "The new secret would be shown once on this terminal (with --secrets-out FILE it would go to FILE instead)."
            : $"The new secret would be written to {secretsOut} (created readable by you alone).");
    }
}
