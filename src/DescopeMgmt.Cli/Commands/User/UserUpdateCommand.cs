using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core.Kinds.Users;

namespace DescopeMgmt.Cli.Commands.User;

internal static class UserUpdateCommand
{
    private const string Operation = "user update";

    private static readonly Argument<string> LoginId = UserOptions.LoginId("The user: one of its login IDs, or its user ID.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the field diff and change nothing." };

    /// <summary>Each flag and the document field it sets; "" removes the field.</summary>
    private static readonly (Option<string?> Option, string Field)[] Fields =
    [
        (new Option<string?>("--name") { Description = "Display name (\"\" removes it)." }, "name"),
        (new Option<string?>("--given-name") { Description = "Given name (\"\" removes it)." }, "givenName"),
        (new Option<string?>("--middle-name") { Description = "Middle name (\"\" removes it)." }, "middleName"),
        (new Option<string?>("--family-name") { Description = "Family name (\"\" removes it)." }, "familyName"),
        (new Option<string?>("--email") { Description = "Email address (\"\" removes it)." }, "email"),
        (new Option<string?>("--phone") { Description = "Phone number (\"\" removes it)." }, "phone"),
        (new Option<string?>("--picture") { Description = "Picture URL (\"\" removes it)." }, "picture"),
    ];

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("update",
            "Change fields of a user. The API replaces the whole user, so the live user is read, the given flags applied, and the result written whole (roles and tenants kept).")
        {
            LoginId, DryRun,
        };
        foreach (var (option, _) in Fields)
        {
            command.Add(option);
        }

        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(LoginId),
            Fields.Where(f => parse.GetResult(f.Option) is not null).ToDictionary(f => f.Field, f => parse.GetValue(f.Option) ?? "", StringComparer.Ordinal),
            parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string loginId, IReadOnlyDictionary<string, string> values, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            throw new Core.UserError("nothing_to_update", "Give at least one field to change.",
                $"For example: descope-mgmt user update {UndoCommands.Quote(loginId)} --name \"New Name\" (see --help for every field).");
        }

        var key = UserKind.Key(loginId);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            var desired = (JsonObject)UserOptions.Require(context, loginId, found).DeepClone();
            foreach (var (field, value) in values)
            {
                desired.Remove(field);
                if (value.Length > 0)
                {
                    desired[field] = value;
                }
            }

            return new SingleItemPlan(desired, "update", (live, ct) => live.PutAsync(key, desired, exists: true, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
