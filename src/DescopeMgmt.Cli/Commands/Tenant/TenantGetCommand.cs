using System.CommandLine;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Tenants;

namespace DescopeMgmt.Cli.Commands.Tenant;

internal static class TenantGetCommand
{
    private static readonly Argument<string> TenantId = TenantIdSyntax.Argument("The tenant to show.");

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

        context.IO.Result(WithIsoTimes(TenantDocuments.ToDocument(tenant)), CliJsonContext.Default.JsonObject, DocumentGrid.Render);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The API's createdTime (Unix seconds) as createdAt, an ISO 8601 UTC date (2026-12-05T15:04:05Z), in text and
    /// JSON alike: a date people can read and scripts can parse, in the team's vocabulary (backups and audit say createdAt).
    /// </summary>
    internal static System.Text.Json.Nodes.JsonObject WithIsoTimes(System.Text.Json.Nodes.JsonObject document)
    {
        var result = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, value) in document)
        {
            if (name == "createdTime" && value is System.Text.Json.Nodes.JsonValue seconds && seconds.TryGetValue<long>(out var unix))
            {
                result["createdAt"] = unix > 0
                    ? Rendering.TimeText.FromUnixSeconds(unix)
                    : null;
                continue;
            }

            result[name] = value?.DeepClone();
        }

        return result;
    }
}
