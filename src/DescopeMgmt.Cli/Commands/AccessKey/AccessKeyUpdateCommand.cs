using System.CommandLine;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.AccessKeys;

namespace DescopeMgmt.Cli.Commands.AccessKey;

internal static class AccessKeyUpdateCommand
{
    private const string Operation = "access-key update";

    private static readonly Argument<string> Name = NameArgument.Create("The key to change.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the field diff and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var fields = new AccessKeyFieldOptions();
        var command = new Command("update",
            "Change fields of an access key; its secret stays. The API replaces every field, so the live key is read, the given flags applied and the result written whole. Expiry and bound user cannot change (that needs a new key).")
        {
            Name, DryRun,
        };
        foreach (var option in fields.All)
        {
            command.Add(option);
        }

        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Name), fields.Read(parse), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, AccessKeyFieldOptions.Values values, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        if (!values.Any)
        {
            throw new UserError("nothing_to_update", "Give at least one field to change.",
                $"For example: descope-mgmt access-key update {UndoCommands.Quote(name)} --description \"Deploys prod\" (see --help for every field).");
        }

        var key = AccessKeyLookup.Key(name);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            var current = found ?? throw AccessKeyLookup.NotFound(context, name);
            var desired = AccessKeyFieldOptions.Apply(current, values, context.Time);
            if (AccessKeyKind.FixedFieldChanges(current, desired) is { Count: > 0 } fixedFields)
            {
                var fields = string.Join(" and ", fixedFields);
                throw new UserError("access_key_replace",
                    $"Access key '{WireIds.Printable(name)}' would change {fields}, which the API cannot update: it needs replace (new secret), a new key with a new cleartext. Nothing was changed.",
                    $"Set the new value in access-keys.yaml and run `descope-mgmt apply --secrets-out FILE`, which replaces the key (deletes it, then creates it with a new secret); or create a new key with the new value (`descope-mgmt access-key create NEW-NAME --secrets-out FILE` with the other fields), move what uses this key to its secret, then delete this one with `descope-mgmt access-key delete {UndoCommands.Quote(name)}`.");
            }

            return new SingleItemPlan(desired, "update", (live, ct) => live.PutAsync(key, desired, exists: true, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
