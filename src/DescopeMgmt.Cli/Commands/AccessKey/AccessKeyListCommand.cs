using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.AccessKey;

internal static class AccessKeyListCommand
{
    private static readonly Option<string?> Tenant = Role.RoleFieldOptions.TenantOption("Only keys that belong to this tenant.");

    private static readonly Option<string?> TextFilter = new("--text") { Description = "Only keys whose name, description or ID contains this text (any case)." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List the project's access keys: name, ID, status, roles, tenants, expiry, creation (one search call; never a secret).") { Tenant, TextFilter };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(Tenant), parse.GetValue(TextFilter), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string? tenantId, string? text, CommandContext context, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var search = string.IsNullOrEmpty(tenantId) ? null : new AccessKeySearch { TenantIds = [tenantId] };
        var keys = await client.AccessKeys.SearchAsync(search, cancellationToken).ConfigureAwait(false);
        var items = keys
            .Where(k => string.IsNullOrEmpty(text) || (k.Name + "\n" + k.Description + "\n" + k.Id).Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => (JsonNode?)AccessKeyLookup.ListItem(k))
            .ToArray();
        context.IO.Result(new JsonObject { ["items"] = new JsonArray(items) }, CliJsonContext.Default.JsonObject, Render);
        return ExitCodes.Success;
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static void Render(IAnsiConsole console, JsonObject result)
    {
        var items = result["items"]!.AsArray().OfType<JsonObject>().ToList();
        if (items.Count == 0)
        {
            console.WriteLine("No access keys match.");
            return;
        }

        var table = Tables.Create("Name", "ID", "Status", "Roles", "Tenants", "Expires", "Created");
        foreach (var k in items)
        {
            var tenants = k["tenants"]!.AsArray().OfType<JsonObject>()
                .Select(t => t["roles"]!.AsArray().Count == 0 ? Text(t["tenantId"]) : $"{Text(t["tenantId"])} ({string.Join(", ", t["roles"]!.AsArray().Select(Text))})");
            table.AddRow(Tables.Cell(Text(k["name"])), Tables.Cell(Text(k["id"])), Tables.Cell(Text(k["status"])),
                Tables.Cell(string.Join(", ", k["roles"]!.AsArray().Select(Text))), Tables.Cell(string.Join("; ", tenants)),
                Tables.Cell(k["expiresAt"] is null ? "never" : Text(k["expiresAt"])), Tables.Cell(Text(k["createdAt"])));
        }

        console.Write(table);
        console.WriteLine(Plural.Of(items.Count, "access key"));
    }
}
