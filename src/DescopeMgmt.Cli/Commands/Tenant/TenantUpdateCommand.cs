using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Tenant;

internal static class TenantUpdateCommand
{
    private const string Operation = "tenant update";

    private static readonly Argument<string> TenantId = TenantIdSyntax.Argument("The tenant to change.");

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the field diff and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var fields = new TenantFieldOptions();
        var command = new Command("update",
            "Change fields of a tenant. The API replaces every field, so the live tenant is read, the given flags applied, and the result written whole.")
        {
            TenantId, DryRun,
        };
        foreach (var option in fields.All)
        {
            command.Add(option);
        }

        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(TenantId), fields.Read(parse), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string tenantId, TenantFieldOptions.Values values, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = ResourceKey.Tenant(tenantId);
        return await SingleItemChange.RunAsync(context, key, Operation, dryRun, found =>
        {
            var current = found ?? throw SingleItemChange.NotFound(context, key);
            var desired = TenantFieldOptions.Apply(current, values);
            return new SingleItemPlan(desired, "update", (live, ct) => live.PutAsync(key, desired, exists: true, ct));
        }, cancellationToken).ConfigureAwait(false);
    }
}
