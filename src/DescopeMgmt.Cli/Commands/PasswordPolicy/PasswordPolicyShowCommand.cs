using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.PasswordPolicies;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.PasswordPolicy;

internal static class PasswordPolicyShowCommand
{
    private static readonly Option<string?> Tenant = PasswordPolicyScope.CreateTenantOption("show");

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("show",
            "Show the password policy of the project, or of one tenant, with every field.")
        {
            Tenant,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(Tenant), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string? tenantId, CommandContext context, CancellationToken cancellationToken)
    {
        var key = PasswordPolicyScope.Key(tenantId);
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var policy = PasswordPolicyScope.Require(await ResourceKinds.PasswordPolicy.GetAsync(client, key.Id, cancellationToken).ConfigureAwait(false), key, context);
        context.IO.Info($"Password policy of {PasswordPolicyScope.Describe(key)} in {context.Target.Describe()}");
        context.IO.Result(policy, CliJsonContext.Default.JsonObject, Render);
        return ExitCodes.Success;
    }

    /// <summary>Known fields in the API's order with what they mean, then any field this tool does not know.</summary>
    private static void Render(IAnsiConsole console, JsonObject policy)
    {
        var table = Tables.Create("Field", "Value", "Meaning");
        foreach (var field in PasswordPolicyKind.Fields)
        {
            table.AddRow(Tables.Cell(field.Name), Tables.Cell(policy[field.Name]?.ToJsonString() ?? ""), Tables.Cell(field.Description));
        }

        foreach (var (name, value) in policy.Where(p => !PasswordPolicyKind.FieldTypes.ContainsKey(p.Key)))
        {
            table.AddRow(Tables.Cell(name), Tables.Cell(value?.ToJsonString() ?? ""), Tables.Cell(""));
        }

        console.Write(table);
    }
}
