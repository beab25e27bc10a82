using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Tenant;

internal static class TenantDeleteCommand
{
    private const string Operation = "tenant delete";

    private static readonly Argument<string> TenantId = TenantIdSyntax.Argument("The tenant to delete.");

    private static readonly Option<bool> Cascade = new("--cascade") { Description = "Also delete users and keys that belong only to this tenant (cannot be restored from a backup)." };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be deleted and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("delete", "Delete a tenant, after taking a backup of it (undo with tenant rollback).") { TenantId, Cascade, DryRun };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(TenantId), parse.GetValue(Cascade), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string tenantId, bool cascade, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = ResourceKey.Tenant(tenantId);
        return await SingleItemChange.RunAsync(context, key, cascade ? "tenant delete --cascade" : Operation, dryRun, found =>
        {
            var current = found ?? throw SingleItemChange.NotFound(context, key);
            // The service refuses to delete a parent (--cascade covers users and keys, not sub-tenants): say so
            // before showing a deletion and taking a backup for a change that cannot happen.
            if (current["successors"] is System.Text.Json.Nodes.JsonArray { Count: > 0 } children)
            {
                var names = string.Join(", ", children.Select(c => c?.ToString()));
                throw new UserError("tenant_has_children", $"Tenant '{tenantId}' has sub-tenants ({names}). Nothing was changed.",
                    $"Delete them first, children before parents: descope-mgmt tenant delete {UndoCommands.Quote(children[0]?.ToString() ?? "")}");
            }

            if (cascade)
            {
                context.IO.Warn("--cascade also deletes users and access keys that belong only to this tenant; a rollback restores the tenant, not them.");
            }

            return new SingleItemPlan(null, "delete", (live, ct) => live.DeleteAsync(key, cascade, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
