using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.Users;

namespace DescopeMgmt.Cli.Commands.User;

internal static class UserInviteCommand
{
    private const string Operation = "user invite";

    private static readonly Option<string> Email = new("--email") { Description = "The email address the invitation goes to.", Required = true };

    private static readonly Option<string?> LoginIdOption = new("--login-id") { Description = "The login ID to create the user with (default: the email)." };

    private static readonly Option<string?> Name = new("--name") { Description = "The user's display name." };

    private static readonly Option<string?> Phone = new("--phone") { Description = "The user's phone number." };

    private static readonly Option<string[]> Role = UserOptions.Roles("A role to give (repeatable): the project's, or with --tenant the tenants'.");

    private static readonly Option<string[]> Tenant = UserOptions.Tenants("A tenant to add the user to, with the --role roles (repeatable).");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the user the invitation would create and send nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("invite", "Create a user as invited and send the invitation (undo with the backup restore it prints, which deletes the user).")
        {
            Email, LoginIdOption, Name, Phone, Role, Tenant, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(Email), parse.GetValue(LoginIdOption), parse.GetValue(Name), parse.GetValue(Phone),
            UserOptions.Values(parse.GetValue(Role)), UserOptions.Values(parse.GetValue(Tenant)), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string email, string? loginId, string? name, string? phone, IReadOnlyList<string> roles, IReadOnlyList<string> tenants, bool dryRun,
        CommandContext context, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrEmpty(loginId) ? email : loginId;
        var key = UserKind.Key(id);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, (existing, client, _) =>
        {
            if (existing is not null)
            {
                throw new UserError("user_exists", $"A user with the login ID '{Api.WireIds.Printable(id)}' already exists in {context.Target.Describe()}.",
                    $"See it with `descope-mgmt user get {UndoCommands.Quote(id)}`; change it with `descope-mgmt user update {UndoCommands.Quote(id)} --name NAME`.");
            }

            var desired = NewUser(id, email, name, phone, roles, tenants);
            context.IO.Info(dryRun ? $"Would invite (a dry run sends nothing; the invitation would go to {email}):" : $"Invite (the invitation goes to {email} once confirmed):");
            foreach (var (field, value) in desired)
            {
                if (field != "status" && value is not (null or JsonArray { Count: 0 }))
                {
                    context.IO.Info($"    {field}: {(value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString())}");
                }
            }

            return Task.FromResult(new SingleItemPlan(desired, "invite", (_, ct) => client.Users.InviteAsync(UserDocuments.ToWrite(id, desired), ct)));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject NewUser(string id, string email, string? name, string? phone, IReadOnlyList<string> roles, IReadOnlyList<string> tenants)
    {
        var user = new JsonObject { ["loginIds"] = new JsonArray(JsonValue.Create(id)) };
        if (!string.IsNullOrEmpty(name))
        {
            user["name"] = name;
        }

        user["email"] = email;
        if (!string.IsNullOrEmpty(phone))
        {
            user["phone"] = phone;
        }

        // Without --tenant the roles are the project's; with it, the user holds them in each tenant given.
        user["roleNames"] = Strings(tenants.Count == 0 ? roles : []);
        user["userTenants"] = new JsonArray(tenants.Select(t => (JsonNode?)new JsonObject { ["tenantId"] = t, ["roleNames"] = Strings(roles) }).ToArray());
        user["status"] = "invited";
        return user;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
