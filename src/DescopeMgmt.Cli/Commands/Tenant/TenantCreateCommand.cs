using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Tenant;

internal static class TenantCreateCommand
{
    private const string Operation = "tenant create";

    private static readonly Argument<string> TenantId = TenantIdSyntax.Argument("ID of the new tenant.");

    private static readonly Option<string?> Parent = new("--parent") { Description = "Parent tenant ID (fixed at creation)." };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be created and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var fields = new TenantFieldOptions();
        var command = new Command("create", "Create a tenant.") { TenantId, Parent, DryRun };
        foreach (var option in fields.All)
        {
            command.Add(option);
        }

        runner.SetAction(command, (parse, context, ct) =>
            RunAsync(parse.GetRequiredValue(TenantId), parse.GetValue(Parent), fields.Read(parse), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string tenantId, string? parent, TenantFieldOptions.Values values, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(values.Name))
        {
            throw new UserError("missing_name", "A tenant needs a name.", "Pass --name \"Acme Corp\".");
        }

        var key = ResourceKey.Tenant(tenantId);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, existing =>
        {
            if (existing is not null)
            {
                throw new UserError("tenant_exists", $"Tenant '{tenantId}' already exists in {context.Target.Describe()}.", $"Change it with `descope-mgmt tenant update {UndoCommands.Quote(tenantId)}`.");
            }

            var desired = TenantFieldOptions.Apply(new JsonObject { ["id"] = tenantId }, values);
            if (!string.IsNullOrWhiteSpace(parent))
            {
                desired["parent"] = parent;
            }

            return new SingleItemPlan(desired, "create", (live, ct) => live.PutAsync(key, desired, exists: false, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
