using System.CommandLine;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Tenants;

namespace DescopeMgmt.Cli.Commands.Tenant;

internal static class TenantGetCommand
{
    private static readonly Argument<string> TenantId = new("tenant-id") { Description = "The tenant to show." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("get", "Show one tenant with all its fields.") { TenantId };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(TenantId), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string tenantId, CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        Api.Tenants.Tenant tenant;
        try
        {
            tenant = await client.Tenants.LoadAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }
        catch (DescopeApiException ex) when (ex.IsNotFound || ex.StatusCode == 400)
        {
            throw new UserError("tenant_not_found", $"Tenant '{tenantId}' does not exist in {context.Target.Describe()}.",
                "List tenants with `descope-mgmt tenant list`.");
        }

        context.IO.Result(TenantDocuments.ToDocument(tenant), CliJsonContext.Default.JsonObject, DocumentGrid.Render);
        return ExitCodes.Success;
    }
}
