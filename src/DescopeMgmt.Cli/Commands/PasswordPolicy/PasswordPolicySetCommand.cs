using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;

namespace DescopeMgmt.Cli.Commands.PasswordPolicy;

internal static class PasswordPolicySetCommand
{
    private const string Operation = "password-policy set";

    private static readonly Option<string?> Tenant = PasswordPolicyScope.CreateTenantOption("change");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the field diff and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var fields = new PasswordPolicyFieldOptions();
        var command = new Command("set",
            "Change fields of the password policy of the project, or of one tenant. The API replaces every field, so the live policy " +
            "is read, the given flags applied, and the result written whole; fields not given keep their value.")
        {
            Tenant, DryRun,
        };
        foreach (var option in fields.All)
        {
            command.Add(option);
        }

        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(Tenant), fields.Read(parse), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string? tenantId, IReadOnlyDictionary<string, JsonNode> values, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = PasswordPolicyScope.Key(tenantId);
        PasswordPolicyFieldOptions.EnsureValid(values);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            var desired = PasswordPolicyFieldOptions.Apply(PasswordPolicyScope.Require(found, key, context), values);
            return new SingleItemPlan(desired, "update", (live, ct) => live.PutAsync(key, desired, exists: true, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
