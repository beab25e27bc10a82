using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.Users;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.User;

internal static class UserListCommand
{
    public const int DefaultLimit = 50;

    private static readonly Option<string[]> Tenant = UserOptions.Tenants("Only users in this tenant (repeatable: in any of them).");

    private static readonly Option<string[]> Role = UserOptions.Roles("Only users holding this role, in the project or a tenant (repeatable: any of them).");

    private static readonly Option<string?> TextFilter = new("--text") { Description = "Only users whose name, email, phone or login ID contains this text." };

    private static readonly Option<int> Limit = new("--limit") { Description = $"Users per page (default {DefaultLimit}; the service may cap it).", DefaultValueFactory = _ => DefaultLimit };

    private static readonly Option<int> Page = new("--page") { Description = "The page to show, from 1 (default 1).", DefaultValueFactory = _ => 1 };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List users one page at a time (one search call per page; users are never all loaded).") { Tenant, Role, TextFilter, Limit, Page };
        runner.SetAction(command, (parse, context, ct) => RunAsync(
            new UserSearch
            {
                TenantIds = UserOptions.Values(parse.GetValue(Tenant)) is { Count: > 0 } tenants ? tenants : null,
                RoleNames = UserOptions.Values(parse.GetValue(Role)) is { Count: > 0 } roles ? roles : null,
                Text = string.IsNullOrEmpty(parse.GetValue(TextFilter)) ? null : parse.GetValue(TextFilter),
                Limit = parse.GetValue(Limit),
                Page = parse.GetValue(Page) - 1,
            }, context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(UserSearch search, CommandContext context, CancellationToken cancellationToken)
    {
        if (search.Limit < 1)
        {
            throw new UserError("invalid_limit", $"--limit must be at least 1, not {search.Limit}.", $"Try --limit {DefaultLimit}.");
        }

        if (search.Page < 0)
        {
            throw new UserError("invalid_page", $"--page counts from 1, not {search.Page + 1}.", "Try --page 1.");
        }

        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var answer = await client.Users.SearchPageAsync(search, cancellationToken).ConfigureAwait(false);
        var items = new JsonArray(answer.Users.Select(u => (JsonNode?)Item(u)).ToArray());
        var result = new JsonObject
        {
            ["items"] = items,
            ["page"] = search.Page + 1,
            ["limit"] = search.Limit,
            ["total"] = answer.Total,
        };
        context.IO.Result(result, CliJsonContext.Default.JsonObject, Render);
        return ExitCodes.Success;
    }

    /// <summary>A user as the list shows it: who, status and roles; never a secret (the API returns none).</summary>
    private static JsonObject Item(Api.Users.User user) => new()
    {
        ["loginId"] = user.LoginIds.FirstOrDefault() ?? user.UserId,
        ["userId"] = user.UserId,
        ["name"] = user.Name,
        ["email"] = user.Email,
        ["phone"] = user.Phone,
        ["status"] = user.Status,
        ["roles"] = new JsonArray(user.RoleNames.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
        ["tenants"] = new JsonArray(user.UserTenants.Select(t => (JsonNode?)new JsonObject
        {
            ["tenantId"] = t.TenantId,
            ["roles"] = new JsonArray(t.RoleNames.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
        }).ToArray()),
        ["createdAt"] = user.CreatedTime > 0 ? UserOptions.CreatedAt(user.CreatedTime) : null,
    };

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static void Render(IAnsiConsole console, JsonObject result)
    {
        var items = result["items"]!.AsArray().OfType<JsonObject>().ToList();
        var page = result["page"]!.GetValue<int>();
        var limit = result["limit"]!.GetValue<int>();
        var total = result["total"]!.GetValue<int>();
        if (items.Count == 0)
        {
            console.WriteLine(total == 0 ? "No users match." : $"Page {page} is past the end: {Plural.Of(total, "user")} {(total == 1 ? "matches" : "match")}.");
            return;
        }

        var table = Tables.Create("Login ID", "Name", "Email", "Status", "Roles", "Tenants");
        foreach (var u in items)
        {
            var tenants = u["tenants"]!.AsArray().OfType<JsonObject>()
                .Select(t => t["roles"]!.AsArray().Count == 0 ? Text(t["tenantId"]) : $"{Text(t["tenantId"])} ({string.Join(", ", t["roles"]!.AsArray().Select(Text))})");
            table.AddRow(Tables.Cell(Text(u["loginId"])), Tables.Cell(Text(u["name"])), Tables.Cell(Text(u["email"])), Tables.Cell(Text(u["status"])),
                Tables.Cell(string.Join(", ", u["roles"]!.AsArray().Select(Text))), Tables.Cell(string.Join("; ", tenants)));
        }

        console.Write(table);
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)limit));
        console.WriteLine($"Page {page} of {pages}: {items.Count} of {Plural.Of(total, "user")}.{(page < pages ? $" Next: --page {page + 1}" : "")}");
    }
}
